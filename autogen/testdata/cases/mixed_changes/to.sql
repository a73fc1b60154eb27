CREATE TABLE category (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(80) NOT NULL UNIQUE);
CREATE TABLE supplier (id INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE product (
    id INTEGER NOT NULL PRIMARY KEY,
    category_id INTEGER NOT NULL REFERENCES category (id) ON DELETE RESTRICT,
    supplier_id INTEGER REFERENCES supplier (id),
    name VARCHAR(50) NOT NULL,
    price NUMERIC(12, 2) DEFAULT 0 NOT NULL CHECK (price >= 0)
);
CREATE INDEX ix_product_supplier ON product (supplier_id);
CREATE UNIQUE INDEX ix_product_name ON product (category_id, name);
CREATE TABLE product_tag (
    product_id INTEGER NOT NULL REFERENCES product (id) ON DELETE CASCADE,
    tag VARCHAR(20) NOT NULL,
    PRIMARY KEY (product_id, tag)
);
