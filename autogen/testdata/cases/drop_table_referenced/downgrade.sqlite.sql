-- rebuild of table store (SQLite cannot ALTER this): add foreign key (unnamed) on store: FOREIGN KEY (region_id) REFERENCES region(id)
PRAGMA defer_foreign_keys = ON;
CREATE TABLE _retort_tmp_store (id INTEGER NOT NULL PRIMARY KEY, region_id INTEGER REFERENCES region (id), name TEXT);
INSERT INTO _retort_tmp_store (id, region_id, name) SELECT id, region_id, name FROM store;
DROP TABLE store;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_tmp_store RENAME TO store;
PRAGMA legacy_alter_table = OFF;
CREATE TEMP TABLE _retort_fk_check (violations INTEGER CONSTRAINT foreign_key_violations_in_store CHECK (violations = 0));
INSERT INTO _retort_fk_check SELECT count(*) FROM pragma_foreign_key_check('store');
DROP TABLE _retort_fk_check;

CREATE TABLE region (id INTEGER NOT NULL PRIMARY KEY, name TEXT);
