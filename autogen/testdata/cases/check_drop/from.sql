CREATE TABLE product (
    id INTEGER NOT NULL PRIMARY KEY,
    price NUMERIC(10, 2) NOT NULL CHECK (price > 0),
    discount NUMERIC(10, 2) NOT NULL DEFAULT 0,
    CONSTRAINT ck_product_discount CHECK (discount <= price)
);
