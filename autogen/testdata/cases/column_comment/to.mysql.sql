CREATE TABLE ticket (
    id INTEGER NOT NULL PRIMARY KEY,
    title TEXT NOT NULL COMMENT 'what the ticket is about'
);
