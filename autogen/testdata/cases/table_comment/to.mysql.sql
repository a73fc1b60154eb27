CREATE TABLE ticket (
    id INTEGER NOT NULL PRIMARY KEY,
    title TEXT NOT NULL
) COMMENT 'support tickets; one per request';
