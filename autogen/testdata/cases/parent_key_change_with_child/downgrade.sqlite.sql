-- WARNING: drops column city.country_code and its data
-- rebuild of table city (SQLite cannot ALTER this): drop foreign key (unnamed) on city: FOREIGN KEY (country_code) REFERENCES country(code); drop column city.country_code
PRAGMA defer_foreign_keys = ON;
CREATE TABLE _retort_tmp_city (id INTEGER NOT NULL PRIMARY KEY, country_id INTEGER REFERENCES country (id), name TEXT);
INSERT INTO _retort_tmp_city (id, country_id, name) SELECT id, country_id, name FROM city;
DROP TABLE city;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_tmp_city RENAME TO city;
PRAGMA legacy_alter_table = OFF;
CREATE TEMP TABLE _retort_fk_check (violations INTEGER CONSTRAINT foreign_key_violations_in_city CHECK (violations = 0));
INSERT INTO _retort_fk_check SELECT count(*) FROM pragma_foreign_key_check('city');
DROP TABLE _retort_fk_check;

-- WARNING: changes type of country.code from VARCHAR(3) to VARCHAR(2), which may lose or reject data
-- WARNING: drops column country.name and its data
-- rebuild of table country (SQLite cannot ALTER this): drop constraint (unnamed) on country: UNIQUE (code); alter column country.code: type VARCHAR(3) -> VARCHAR(2); drop column country.name
PRAGMA defer_foreign_keys = ON;
CREATE TABLE _retort_tmp_country (id INTEGER NOT NULL PRIMARY KEY, code VARCHAR(2) NOT NULL);
INSERT INTO _retort_tmp_country (id, code) SELECT id, code FROM country;
DROP TABLE country;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_tmp_country RENAME TO country;
PRAGMA legacy_alter_table = OFF;
CREATE TEMP TABLE _retort_fk_check (violations INTEGER CONSTRAINT foreign_key_violations_in_country CHECK (violations = 0));
INSERT INTO _retort_fk_check SELECT count(*) FROM pragma_foreign_key_check('country');
DROP TABLE _retort_fk_check;
