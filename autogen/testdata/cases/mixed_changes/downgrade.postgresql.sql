ALTER TABLE product DROP CONSTRAINT product_supplier_id_fkey;
ALTER TABLE product DROP CONSTRAINT product_category_id_fkey;

-- WARNING: drops table supplier and all its rows
DROP TABLE supplier;

-- WARNING: drops table product_tag and all its rows
DROP TABLE product_tag;

-- WARNING: drops column product.price and its data
-- WARNING: drops column product.supplier_id and its data
DROP INDEX ix_product_supplier;
DROP INDEX ix_product_name;
ALTER TABLE product DROP CONSTRAINT product_price_check;
ALTER TABLE product ADD COLUMN old_sku character varying(20);
ALTER TABLE product DROP COLUMN price;
ALTER TABLE product DROP COLUMN supplier_id;
CREATE INDEX ix_product_name ON product USING btree (name);

-- WARNING: changes type of category.name from character varying(80) to character varying(50), which may lose or reject data
ALTER TABLE category DROP CONSTRAINT category_name_key;
ALTER TABLE category ALTER COLUMN name TYPE character varying(50) USING name::character varying(50);

CREATE TABLE legacy_import (
    id integer NOT NULL,
    payload text,
    CONSTRAINT legacy_import_pkey PRIMARY KEY (id)
);

ALTER TABLE product ADD CONSTRAINT product_category_id_fkey FOREIGN KEY (category_id) REFERENCES category(id);
