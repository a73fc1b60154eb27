ALTER TABLE city DROP CONSTRAINT city_country_code_fkey;

-- WARNING: drops column city.country_code and its data
ALTER TABLE city DROP COLUMN country_code;

-- WARNING: changes type of country.code from character varying(3) to character varying(2), which may lose or reject data
-- WARNING: drops column country.name and its data
ALTER TABLE country DROP CONSTRAINT country_code_key;
ALTER TABLE country ALTER COLUMN code TYPE character varying(2) USING code::character varying(2);
ALTER TABLE country DROP COLUMN name;
