CREATE TABLE item (
    id INTEGER NOT NULL PRIMARY KEY,
    name VARCHAR(30) NOT NULL,
    note TEXT,
    price NUMERIC(10, 2)
);
