-- rebuild of table country (SQLite cannot ALTER this): add column country.name TEXT; alter column country.code: type VARCHAR(2) -> VARCHAR(3); add constraint (unnamed) on country: UNIQUE (code)
PRAGMA defer_foreign_keys = ON;
CREATE TABLE _retort_tmp_country (id INTEGER NOT NULL PRIMARY KEY, code VARCHAR(3) NOT NULL UNIQUE, name TEXT);
INSERT INTO _retort_tmp_country (id, code) SELECT id, code FROM country;
DROP TABLE country;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_tmp_country RENAME TO country;
PRAGMA legacy_alter_table = OFF;
CREATE TEMP TABLE _retort_fk_check (violations INTEGER CONSTRAINT foreign_key_violations_in_country CHECK (violations = 0));
INSERT INTO _retort_fk_check SELECT count(*) FROM pragma_foreign_key_check('country');
DROP TABLE _retort_fk_check;

ALTER TABLE city ADD COLUMN country_code VARCHAR(3) REFERENCES country (code);
