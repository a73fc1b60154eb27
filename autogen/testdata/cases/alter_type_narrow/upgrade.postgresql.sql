-- WARNING: changes type of item.name from character varying(100) to character varying(30), which may lose or reject data
ALTER TABLE item ALTER COLUMN name TYPE character varying(30) USING name::character varying(30);
