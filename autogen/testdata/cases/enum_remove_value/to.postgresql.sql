CREATE TYPE mood AS ENUM ('sad', 'happy', 'ecstatic');
CREATE TABLE person (
    id INTEGER NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    current_mood mood DEFAULT 'sad'
);
