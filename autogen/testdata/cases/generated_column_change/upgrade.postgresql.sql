ALTER TABLE box DROP COLUMN area;
ALTER TABLE box ADD COLUMN area integer GENERATED ALWAYS AS (((width * height) * 2)) STORED;
