-- rebuild of table account (SQLite cannot ALTER this): alter column account.name: nullable true -> false
PRAGMA defer_foreign_keys = ON;
CREATE TABLE _retort_tmp_account (id INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, balance INTEGER NOT NULL DEFAULT 0);
INSERT INTO _retort_tmp_account (id, name, balance) SELECT id, name, balance FROM account;
DROP TABLE account;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_tmp_account RENAME TO account;
PRAGMA legacy_alter_table = OFF;
CREATE TEMP TABLE _retort_fk_check (violations INTEGER CONSTRAINT foreign_key_violations_in_account CHECK (violations = 0));
INSERT INTO _retort_fk_check SELECT count(*) FROM pragma_foreign_key_check('account');
DROP TABLE _retort_fk_check;
