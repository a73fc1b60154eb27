ALTER TABLE box ADD COLUMN area integer GENERATED ALWAYS AS ((width * height)) STORED;
