ALTER TABLE item ALTER COLUMN name TYPE character varying(100) USING name::character varying(100);
