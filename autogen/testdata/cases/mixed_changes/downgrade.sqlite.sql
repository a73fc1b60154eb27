-- WARNING: drops column product.price and its data
-- WARNING: drops column product.supplier_id and its data
-- rebuild of table product (SQLite cannot ALTER this): drop foreign key (unnamed) on product: FOREIGN KEY (supplier_id) REFERENCES supplier(id); drop foreign key (unnamed) on product: FOREIGN KEY (category_id) REFERENCES category(id) ON DELETE RESTRICT; drop index ix_product_supplier on product; drop index ix_product_name on product; drop constraint (unnamed) on product: CHECK (price >= 0); add column product.old_sku VARCHAR(20); drop column product.price; drop column product.supplier_id; create index ix_product_name on product (name); add foreign key (unnamed) on product: FOREIGN KEY (category_id) REFERENCES category(id)
PRAGMA defer_foreign_keys = ON;
CREATE TABLE _retort_tmp_product (
    id INTEGER NOT NULL PRIMARY KEY,
    category_id INTEGER NOT NULL REFERENCES category (id),
    name VARCHAR(50) NOT NULL,
    old_sku VARCHAR(20)
);
INSERT INTO _retort_tmp_product (id, category_id, name) SELECT id, category_id, name FROM product;
DROP TABLE product;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_tmp_product RENAME TO product;
PRAGMA legacy_alter_table = OFF;
CREATE INDEX ix_product_name ON product (name);
CREATE TEMP TABLE _retort_fk_check (violations INTEGER CONSTRAINT foreign_key_violations_in_product CHECK (violations = 0));
INSERT INTO _retort_fk_check SELECT count(*) FROM pragma_foreign_key_check('product');
DROP TABLE _retort_fk_check;

-- WARNING: changes type of category.name from VARCHAR(80) to VARCHAR(50), which may lose or reject data
-- rebuild of table category (SQLite cannot ALTER this): drop constraint (unnamed) on category: UNIQUE (name); alter column category.name: type VARCHAR(80) -> VARCHAR(50)
PRAGMA defer_foreign_keys = ON;
CREATE TABLE _retort_tmp_category (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(50) NOT NULL);
INSERT INTO _retort_tmp_category (id, name) SELECT id, name FROM category;
DROP TABLE category;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_tmp_category RENAME TO category;
PRAGMA legacy_alter_table = OFF;
CREATE TEMP TABLE _retort_fk_check (violations INTEGER CONSTRAINT foreign_key_violations_in_category CHECK (violations = 0));
INSERT INTO _retort_fk_check SELECT count(*) FROM pragma_foreign_key_check('category');
DROP TABLE _retort_fk_check;

-- WARNING: drops table supplier and all its rows
DROP TABLE supplier;

-- WARNING: drops table product_tag and all its rows
DROP TABLE product_tag;

CREATE TABLE legacy_import (id INTEGER NOT NULL PRIMARY KEY, payload TEXT);
