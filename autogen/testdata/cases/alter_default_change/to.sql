CREATE TABLE item (
    id INTEGER NOT NULL PRIMARY KEY,
    name VARCHAR(30) NOT NULL DEFAULT 'anonymous',
    note TEXT
);
