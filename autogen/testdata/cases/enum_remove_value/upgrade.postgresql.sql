ALTER TABLE person ALTER COLUMN current_mood SET DEFAULT 'sad'::mood;

-- WARNING: removes value 'ok' from enum mood; rows holding it make this fail
ALTER TYPE mood RENAME TO mood_retort_old;
CREATE TYPE mood AS ENUM ('sad', 'happy', 'ecstatic');
ALTER TABLE person ALTER COLUMN current_mood DROP DEFAULT;
ALTER TABLE person ALTER COLUMN current_mood TYPE mood USING current_mood::text::mood;
ALTER TABLE person ALTER COLUMN current_mood SET DEFAULT 'sad'::mood;
DROP TYPE mood_retort_old;
