CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE person (
    id INTEGER NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    current_mood mood DEFAULT 'ok'
);
