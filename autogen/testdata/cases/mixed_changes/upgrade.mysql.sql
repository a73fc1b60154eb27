-- WARNING: drops table legacy_import and all its rows
DROP TABLE legacy_import;

ALTER TABLE category MODIFY COLUMN name varchar(80) NOT NULL;
CREATE UNIQUE INDEX name ON category (`name`);

-- WARNING: drops column product.old_sku and its data
DROP INDEX ix_product_name ON product;
ALTER TABLE product ADD UNIQUE INDEX ix_product_name (`category_id`, `name`), DROP INDEX category_id;
ALTER TABLE product ADD COLUMN supplier_id int;
ALTER TABLE product ADD COLUMN price decimal(12,2) NOT NULL DEFAULT 0.00 CHECK (`price` >= 0);
ALTER TABLE product DROP COLUMN old_sku;
CREATE INDEX ix_product_supplier ON product (`supplier_id`);

CREATE TABLE product_tag (
    product_id int NOT NULL,
    tag varchar(20) NOT NULL,
    PRIMARY KEY (`product_id`, `tag`),
    CONSTRAINT product_tag_ibfk_1 FOREIGN KEY (`product_id`) REFERENCES `product` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE supplier (
    id int NOT NULL,
    name text NOT NULL,
    PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

ALTER TABLE product ADD CONSTRAINT product_ibfk_2 FOREIGN KEY (`supplier_id`) REFERENCES `supplier` (`id`);
