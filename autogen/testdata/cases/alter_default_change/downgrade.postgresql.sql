ALTER TABLE item ALTER COLUMN name DROP DEFAULT;
ALTER TABLE item ALTER COLUMN name SET DEFAULT 'unnamed'::character varying;
