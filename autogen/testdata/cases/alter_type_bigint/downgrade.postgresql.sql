-- WARNING: changes type of item.id from bigint to integer, which may lose or reject data
ALTER TABLE item ALTER COLUMN id TYPE integer USING id::integer;
