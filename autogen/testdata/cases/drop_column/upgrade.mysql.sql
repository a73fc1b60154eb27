-- WARNING: drops column item.note and its data
ALTER TABLE item DROP COLUMN note;
