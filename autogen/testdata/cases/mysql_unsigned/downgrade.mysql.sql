-- WARNING: changes type of stock.code from int(5) unsigned zerofill to int, which may lose or reject data
-- WARNING: changes type of stock.qty from int unsigned to int, which may lose or reject data
-- WARNING: drops column stock.total and its data
ALTER TABLE stock MODIFY COLUMN code int;
ALTER TABLE stock MODIFY COLUMN qty int NOT NULL DEFAULT 0;
ALTER TABLE stock DROP COLUMN total;
