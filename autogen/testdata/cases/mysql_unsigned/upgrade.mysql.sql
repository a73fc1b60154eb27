-- WARNING: changes type of stock.qty from int to int unsigned, which may lose or reject data
-- WARNING: changes type of stock.code from int to int(5) unsigned zerofill, which may lose or reject data
ALTER TABLE stock ADD COLUMN total bigint unsigned;
ALTER TABLE stock MODIFY COLUMN qty int unsigned NOT NULL DEFAULT 0;
ALTER TABLE stock MODIFY COLUMN code int(5) unsigned zerofill;
