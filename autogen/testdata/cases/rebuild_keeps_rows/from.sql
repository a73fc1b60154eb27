CREATE TABLE customer (
    id INTEGER NOT NULL PRIMARY KEY,
    name VARCHAR(50),
    legacy_code VARCHAR(10),
    score INTEGER
);
CREATE INDEX ix_customer_name ON customer (name);
CREATE TABLE purchase (
    id INTEGER NOT NULL PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    amount INTEGER NOT NULL
);
