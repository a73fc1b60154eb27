CREATE TABLE customer (
    id INTEGER NOT NULL PRIMARY KEY,
    name VARCHAR(100) NOT NULL,
    score BIGINT DEFAULT 0 CHECK (score >= 0),
    tier VARCHAR(10) DEFAULT 'basic' NOT NULL
);
CREATE INDEX ix_customer_name ON customer (name);
CREATE UNIQUE INDEX ix_customer_score_name ON customer (score, name);
CREATE TABLE purchase (
    id INTEGER NOT NULL PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    amount INTEGER NOT NULL
);
