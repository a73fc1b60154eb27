ALTER TABLE item ADD COLUMN note text;
