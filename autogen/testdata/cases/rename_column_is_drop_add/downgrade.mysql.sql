-- WARNING: drops column note.content and its data
ALTER TABLE note ADD COLUMN `body` text;
ALTER TABLE note DROP COLUMN content;
