-- WARNING: drops column item.quantity and its data
ALTER TABLE item DROP COLUMN quantity;
