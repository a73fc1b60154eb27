ALTER TABLE item ALTER COLUMN name SET DEFAULT 'anonymous'::character varying;
