-- rebuild of table setting (SQLite cannot ALTER this): set options of table setting: WITHOUT ROWID, STRICT -> (none)
PRAGMA defer_foreign_keys = ON;
CREATE TABLE _retort_tmp_setting (
    key TEXT NOT NULL PRIMARY KEY,
    value TEXT
);
INSERT INTO _retort_tmp_setting ("key", value) SELECT "key", value FROM setting;
DROP TABLE setting;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_tmp_setting RENAME TO setting;
PRAGMA legacy_alter_table = OFF;
CREATE TEMP TABLE _retort_fk_check (violations INTEGER CONSTRAINT foreign_key_violations_in_setting CHECK (violations = 0));
INSERT INTO _retort_fk_check SELECT count(*) FROM pragma_foreign_key_check('setting');
DROP TABLE _retort_fk_check;
