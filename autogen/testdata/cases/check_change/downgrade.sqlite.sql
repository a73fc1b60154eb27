-- rebuild of table product (SQLite cannot ALTER this): drop constraint ck_product_discount on product: CHECK (discount < price); add constraint ck_product_discount on product: CHECK (discount <= price)
PRAGMA defer_foreign_keys = ON;
CREATE TABLE _retort_tmp_product (
    id INTEGER NOT NULL PRIMARY KEY,
    price NUMERIC(10, 2) NOT NULL CHECK (price > 0),
    discount NUMERIC(10, 2) NOT NULL DEFAULT 0,
    CONSTRAINT ck_product_discount CHECK (discount <= price)
);
INSERT INTO _retort_tmp_product (id, price, discount) SELECT id, price, discount FROM product;
DROP TABLE product;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_tmp_product RENAME TO product;
PRAGMA legacy_alter_table = OFF;
CREATE TEMP TABLE _retort_fk_check (violations INTEGER CONSTRAINT foreign_key_violations_in_product CHECK (violations = 0));
INSERT INTO _retort_fk_check SELECT count(*) FROM pragma_foreign_key_check('product');
DROP TABLE _retort_fk_check;
