-- rebuild of table bin (SQLite cannot ALTER this): add foreign key fk_bin_shelf on bin: FOREIGN KEY (aisle, pos) REFERENCES shelf(aisle, pos) ON DELETE SET NULL
PRAGMA defer_foreign_keys = ON;
CREATE TABLE _retort_tmp_bin (id INTEGER NOT NULL PRIMARY KEY, aisle INTEGER, pos INTEGER,
    CONSTRAINT fk_bin_shelf FOREIGN KEY (aisle, pos) REFERENCES shelf (aisle, pos) ON DELETE SET NULL);
INSERT INTO _retort_tmp_bin (id, aisle, pos) SELECT id, aisle, pos FROM bin;
DROP TABLE bin;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_tmp_bin RENAME TO bin;
PRAGMA legacy_alter_table = OFF;
CREATE TEMP TABLE _retort_fk_check (violations INTEGER CONSTRAINT foreign_key_violations_in_bin CHECK (violations = 0));
INSERT INTO _retort_fk_check SELECT count(*) FROM pragma_foreign_key_check('bin');
DROP TABLE _retort_fk_check;
