ALTER TABLE store DROP CONSTRAINT store_region_id_fkey;

-- WARNING: drops table region and all its rows
DROP TABLE region;
