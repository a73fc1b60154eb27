ALTER TABLE store DROP FOREIGN KEY store_ibfk_1;

-- WARNING: drops table region and all its rows
DROP TABLE region;

DROP INDEX region_id ON store;
