ALTER TABLE country ADD COLUMN name text;
ALTER TABLE country ALTER COLUMN code TYPE character varying(3) USING code::character varying(3);
ALTER TABLE country ADD CONSTRAINT country_code_key UNIQUE (code);

ALTER TABLE city ADD COLUMN country_code character varying(3);

ALTER TABLE city ADD CONSTRAINT city_country_code_fkey FOREIGN KEY (country_code) REFERENCES country(code);
