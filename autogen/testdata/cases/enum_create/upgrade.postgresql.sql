CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');

ALTER TABLE person ADD COLUMN current_mood mood DEFAULT 'ok'::mood;
