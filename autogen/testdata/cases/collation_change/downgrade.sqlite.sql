-- rebuild of table tag (SQLite cannot ALTER this): alter column tag.label: collation NOCASE -> (none)
PRAGMA defer_foreign_keys = ON;
CREATE TABLE _retort_tmp_tag (
    id INTEGER NOT NULL PRIMARY KEY,
    label VARCHAR(40) NOT NULL
);
INSERT INTO _retort_tmp_tag (id, label) SELECT id, label FROM tag;
DROP TABLE tag;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_tmp_tag RENAME TO tag;
PRAGMA legacy_alter_table = OFF;
CREATE TEMP TABLE _retort_fk_check (violations INTEGER CONSTRAINT foreign_key_violations_in_tag CHECK (violations = 0));
INSERT INTO _retort_fk_check SELECT count(*) FROM pragma_foreign_key_check('tag');
DROP TABLE _retort_fk_check;
