ALTER TABLE product DROP CONSTRAINT product_category_id_fkey;

-- WARNING: drops table legacy_import and all its rows
DROP TABLE legacy_import;

ALTER TABLE category ALTER COLUMN name TYPE character varying(80) USING name::character varying(80);
ALTER TABLE category ADD CONSTRAINT category_name_key UNIQUE (name);

-- WARNING: drops column product.old_sku and its data
DROP INDEX ix_product_name;
ALTER TABLE product ADD COLUMN supplier_id integer;
ALTER TABLE product ADD COLUMN price numeric(12,2) DEFAULT 0 NOT NULL;
ALTER TABLE product DROP COLUMN old_sku;
ALTER TABLE product ADD CONSTRAINT product_price_check CHECK ((price >= (0)::numeric));
CREATE UNIQUE INDEX ix_product_name ON product USING btree (category_id, name);
CREATE INDEX ix_product_supplier ON product USING btree (supplier_id);

CREATE TABLE product_tag (
    product_id integer NOT NULL,
    tag character varying(20) NOT NULL,
    CONSTRAINT product_tag_pkey PRIMARY KEY (product_id, tag),
    CONSTRAINT product_tag_product_id_fkey FOREIGN KEY (product_id) REFERENCES product(id) ON DELETE CASCADE
);

CREATE TABLE supplier (
    id integer NOT NULL,
    name text NOT NULL,
    CONSTRAINT supplier_pkey PRIMARY KEY (id)
);

ALTER TABLE product ADD CONSTRAINT product_category_id_fkey FOREIGN KEY (category_id) REFERENCES category(id) ON DELETE RESTRICT;
ALTER TABLE product ADD CONSTRAINT product_supplier_id_fkey FOREIGN KEY (supplier_id) REFERENCES supplier(id);
