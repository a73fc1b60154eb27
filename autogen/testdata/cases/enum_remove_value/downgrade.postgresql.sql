ALTER TYPE mood ADD VALUE 'ok' AFTER 'sad';

ALTER TABLE person ALTER COLUMN current_mood SET DEFAULT 'ok'::mood;
