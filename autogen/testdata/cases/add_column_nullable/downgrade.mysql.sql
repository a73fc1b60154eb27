-- WARNING: drops column item.price and its data
ALTER TABLE item DROP COLUMN price;
