CREATE TABLE Item (
    id INTEGER NOT NULL PRIMARY KEY,
    Name VARCHAR(30) DEFAULT 'x',
    price NUMERIC(10,2),
    qty INTEGER DEFAULT 0,
    CHECK (price > 0)
);
CREATE INDEX ix_item ON Item (name, qty desc) WHERE price > 1;
