-- WARNING: drops column person.current_mood and its data
ALTER TABLE person DROP COLUMN current_mood;

DROP TYPE mood;
