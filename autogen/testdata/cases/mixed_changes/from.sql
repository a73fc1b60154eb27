CREATE TABLE category (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(50) NOT NULL);
CREATE TABLE product (
    id INTEGER NOT NULL PRIMARY KEY,
    category_id INTEGER NOT NULL REFERENCES category (id),
    name VARCHAR(50) NOT NULL,
    old_sku VARCHAR(20)
);
CREATE TABLE legacy_import (id INTEGER NOT NULL PRIMARY KEY, payload TEXT);
CREATE INDEX ix_product_name ON product (name);
