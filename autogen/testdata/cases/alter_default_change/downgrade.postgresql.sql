ALTER TABLE item ALTER COLUMN name SET DEFAULT 'unnamed'::character varying;
