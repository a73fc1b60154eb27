ALTER TABLE city DROP FOREIGN KEY city_ibfk_2;

-- WARNING: drops column city.country_code and its data
DROP INDEX country_code ON city;
ALTER TABLE city DROP COLUMN country_code;

-- WARNING: changes type of country.code from varchar(3) to varchar(2), which may lose or reject data
-- WARNING: drops column country.name and its data
DROP INDEX code ON country;
ALTER TABLE country MODIFY COLUMN code varchar(2) NOT NULL;
ALTER TABLE country DROP COLUMN name;
