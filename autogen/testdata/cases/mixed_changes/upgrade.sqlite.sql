-- WARNING: drops table legacy_import and all its rows
DROP TABLE legacy_import;

CREATE TABLE product_tag (
    product_id INTEGER NOT NULL REFERENCES product (id) ON DELETE CASCADE,
    tag VARCHAR(20) NOT NULL,
    PRIMARY KEY (product_id, tag)
);

CREATE TABLE supplier (id INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL);

-- rebuild of table category (SQLite cannot ALTER this): alter column category.name: type VARCHAR(50) -> VARCHAR(80); add constraint (unnamed) on category: UNIQUE (name)
PRAGMA defer_foreign_keys = ON;
CREATE TABLE _retort_tmp_category (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(80) NOT NULL UNIQUE);
INSERT INTO _retort_tmp_category (id, name) SELECT id, name FROM category;
DROP TABLE category;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_tmp_category RENAME TO category;
PRAGMA legacy_alter_table = OFF;
CREATE TEMP TABLE _retort_fk_check (violations INTEGER CONSTRAINT foreign_key_violations_in_category CHECK (violations = 0));
INSERT INTO _retort_fk_check SELECT count(*) FROM pragma_foreign_key_check('category');
DROP TABLE _retort_fk_check;

-- WARNING: drops column product.old_sku and its data
-- rebuild of table product (SQLite cannot ALTER this): drop foreign key (unnamed) on product: FOREIGN KEY (category_id) REFERENCES category(id); drop index ix_product_name on product; add column product.supplier_id INTEGER; add column product.price NUMERIC(12,2); drop column product.old_sku; add constraint (unnamed) on product: CHECK (price >= 0); create index ix_product_name on product (category_id, name); create index ix_product_supplier on product (supplier_id); add foreign key (unnamed) on product: FOREIGN KEY (category_id) REFERENCES category(id) ON DELETE RESTRICT; add foreign key (unnamed) on product: FOREIGN KEY (supplier_id) REFERENCES supplier(id)
PRAGMA defer_foreign_keys = ON;
CREATE TABLE _retort_tmp_product (
    id INTEGER NOT NULL PRIMARY KEY,
    category_id INTEGER NOT NULL REFERENCES category (id) ON DELETE RESTRICT,
    supplier_id INTEGER REFERENCES supplier (id),
    name VARCHAR(50) NOT NULL,
    price NUMERIC(12, 2) DEFAULT 0 NOT NULL CHECK (price >= 0)
);
INSERT INTO _retort_tmp_product (id, category_id, name) SELECT id, category_id, name FROM product;
DROP TABLE product;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_tmp_product RENAME TO product;
PRAGMA legacy_alter_table = OFF;
CREATE UNIQUE INDEX ix_product_name ON product (category_id, name);
CREATE INDEX ix_product_supplier ON product (supplier_id);
CREATE TEMP TABLE _retort_fk_check (violations INTEGER CONSTRAINT foreign_key_violations_in_product CHECK (violations = 0));
INSERT INTO _retort_fk_check SELECT count(*) FROM pragma_foreign_key_check('product');
DROP TABLE _retort_fk_check;
