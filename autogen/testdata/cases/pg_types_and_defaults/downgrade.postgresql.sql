-- WARNING: changes type of reading.value from double precision to real, which may lose or reject data
-- WARNING: changes type of reading.taken_at from timestamp with time zone to timestamp without time zone, which may lose or reject data
-- WARNING: drops column reading.meta and its data
-- WARNING: drops column reading.tags and its data
ALTER TABLE reading ALTER COLUMN value TYPE real USING value::real;
ALTER TABLE reading ALTER COLUMN taken_at DROP DEFAULT;
ALTER TABLE reading ALTER COLUMN taken_at TYPE timestamp without time zone USING taken_at::timestamp without time zone;
ALTER TABLE reading DROP COLUMN meta;
ALTER TABLE reading DROP COLUMN tags;
