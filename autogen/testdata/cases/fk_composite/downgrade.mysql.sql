ALTER TABLE bin DROP FOREIGN KEY fk_bin_shelf;

DROP INDEX fk_bin_shelf ON bin;
