CREATE INDEX fk_bin_shelf ON bin (`aisle`, `pos`);

ALTER TABLE bin ADD CONSTRAINT fk_bin_shelf FOREIGN KEY (`aisle`, `pos`) REFERENCES `shelf` (`aisle`, `pos`) ON DELETE SET NULL;
