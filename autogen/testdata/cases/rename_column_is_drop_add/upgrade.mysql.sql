-- WARNING: drops column note.body and its data
ALTER TABLE note ADD COLUMN content text;
ALTER TABLE note DROP COLUMN `body`;
