ALTER TABLE country ADD COLUMN name text;
ALTER TABLE country MODIFY COLUMN code varchar(3) NOT NULL;
CREATE UNIQUE INDEX code ON country (`code`);

ALTER TABLE city ADD COLUMN country_code varchar(3);
CREATE INDEX country_code ON city (`country_code`);

ALTER TABLE city ADD CONSTRAINT city_ibfk_2 FOREIGN KEY (`country_code`) REFERENCES `country` (`code`);
