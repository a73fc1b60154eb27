-- WARNING: drops column note.content and its data
ALTER TABLE note ADD COLUMN body TEXT;
ALTER TABLE note DROP COLUMN content;
