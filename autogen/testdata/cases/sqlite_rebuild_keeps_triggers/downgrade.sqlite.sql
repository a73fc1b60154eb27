-- rebuild of table account (SQLite cannot ALTER this): drop constraint (unnamed) on account: CHECK (balance >= 0)
PRAGMA defer_foreign_keys = ON;
CREATE TABLE _retort_tmp_account (
    id INTEGER NOT NULL PRIMARY KEY,
    balance INTEGER NOT NULL,
    updated_at TEXT
);
INSERT INTO _retort_tmp_account (id, balance, updated_at) SELECT id, balance, updated_at FROM account;
DROP TABLE account;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_tmp_account RENAME TO account;
PRAGMA legacy_alter_table = OFF;
CREATE TRIGGER account_audit AFTER UPDATE ON account
BEGIN
    INSERT INTO audit (account_id, balance) VALUES (NEW.id, NEW.balance);
END;
CREATE TEMP TABLE _retort_fk_check (violations INTEGER CONSTRAINT foreign_key_violations_in_account CHECK (violations = 0));
INSERT INTO _retort_fk_check SELECT count(*) FROM pragma_foreign_key_check('account');
DROP TABLE _retort_fk_check;
