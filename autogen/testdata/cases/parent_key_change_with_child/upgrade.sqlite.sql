-- rebuild of table country (SQLite cannot ALTER this): add column country.name TEXT; alter column country.code: type VARCHAR(2) -> VARCHAR(3); add constraint (unnamed) on country: UNIQUE (code)
PRAGMA defer_foreign_keys = ON;
CREATE TABLE _retort_tmp_country (id INTEGER NOT NULL PRIMARY KEY, code VARCHAR(3) NOT NULL UNIQUE, name TEXT);
INSERT INTO _retort_tmp_country (id, code) SELECT id, code FROM country;
DROP TABLE country;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_tmp_country RENAME TO country;
PRAGMA legacy_alter_table = OFF;
PRAGMA foreign_key_check(country);

ALTER TABLE city ADD COLUMN country_code VARCHAR(3) REFERENCES country (code);
