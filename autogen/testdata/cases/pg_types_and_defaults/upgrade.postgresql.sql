-- WARNING: changes type of reading.taken_at from timestamp without time zone to timestamp with time zone, which may lose or reject data
ALTER TABLE reading ADD COLUMN tags text[];
ALTER TABLE reading ADD COLUMN meta jsonb DEFAULT '{}'::jsonb;
ALTER TABLE reading ALTER COLUMN taken_at TYPE timestamp with time zone USING taken_at::timestamp with time zone;
ALTER TABLE reading ALTER COLUMN taken_at SET DEFAULT now();
ALTER TABLE reading ALTER COLUMN value TYPE double precision USING value::double precision;
