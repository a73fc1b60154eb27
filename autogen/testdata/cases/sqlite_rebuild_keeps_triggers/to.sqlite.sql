CREATE TABLE account (
    id INTEGER NOT NULL PRIMARY KEY,
    balance INTEGER NOT NULL CHECK (balance >= 0),
    updated_at TEXT
);
CREATE TABLE audit (id INTEGER PRIMARY KEY, account_id INTEGER, balance INTEGER);
CREATE TRIGGER account_audit AFTER UPDATE ON account
BEGIN
    INSERT INTO audit (account_id, balance) VALUES (NEW.id, NEW.balance);
END;
