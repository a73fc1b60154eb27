ALTER TABLE box ADD COLUMN area int GENERATED ALWAYS AS (`width` * `height`) STORED;
