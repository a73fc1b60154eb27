ALTER TABLE item ADD COLUMN price decimal(10,2);
