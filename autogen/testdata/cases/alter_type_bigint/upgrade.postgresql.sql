ALTER TABLE item ALTER COLUMN id TYPE bigint USING id::bigint;
