-- email not null
--
-- revision: sq01
-- down_revision: sq00

-- +upgrade
PRAGMA defer_foreign_keys = ON;
CREATE TABLE _retort_tmp_account (id INTEGER PRIMARY KEY, email VARCHAR(50) NOT NULL, name TEXT);
INSERT INTO _retort_tmp_account (id, email, name) SELECT id, email, name FROM account;
DROP TABLE account;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_tmp_account RENAME TO account;
PRAGMA legacy_alter_table = OFF;

-- +downgrade
