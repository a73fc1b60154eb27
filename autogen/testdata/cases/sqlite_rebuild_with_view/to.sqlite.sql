CREATE TABLE account (id INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, balance INTEGER NOT NULL DEFAULT 0);
CREATE TABLE deposit (id INTEGER PRIMARY KEY, account_id INTEGER REFERENCES account (id), amount INTEGER);
CREATE VIEW rich AS SELECT name FROM account WHERE balance > 100;
CREATE TRIGGER deposit_credit AFTER INSERT ON deposit
BEGIN
    UPDATE account SET balance = balance + NEW.amount WHERE id = NEW.account_id;
END;
