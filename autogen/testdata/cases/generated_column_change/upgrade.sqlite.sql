-- rebuild of table box (SQLite cannot ALTER this): drop column box.area; add column box.area INTEGER
PRAGMA defer_foreign_keys = ON;
CREATE TABLE _retort_tmp_box (
    id INTEGER NOT NULL PRIMARY KEY,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    area INTEGER GENERATED ALWAYS AS (width * height * 2) STORED
);
INSERT INTO _retort_tmp_box (id, width, height) SELECT id, width, height FROM box;
DROP TABLE box;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_tmp_box RENAME TO box;
PRAGMA legacy_alter_table = OFF;
CREATE TEMP TABLE _retort_fk_check (violations INTEGER CONSTRAINT foreign_key_violations_in_box CHECK (violations = 0));
INSERT INTO _retort_fk_check SELECT count(*) FROM pragma_foreign_key_check('box');
DROP TABLE _retort_fk_check;
