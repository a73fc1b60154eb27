ALTER TABLE product DROP FOREIGN KEY product_ibfk_2;

-- WARNING: drops table supplier and all its rows
DROP TABLE supplier;

-- WARNING: drops table product_tag and all its rows
DROP TABLE product_tag;

-- WARNING: drops column product.price and its data
-- WARNING: drops column product.supplier_id and its data
DROP INDEX ix_product_supplier ON product;
ALTER TABLE product ADD INDEX category_id (`category_id`), DROP INDEX ix_product_name;
ALTER TABLE product ADD COLUMN old_sku varchar(20);
ALTER TABLE product DROP COLUMN price;
ALTER TABLE product DROP COLUMN supplier_id;
CREATE INDEX ix_product_name ON product (`name`);

-- WARNING: changes type of category.name from varchar(80) to varchar(50), which may lose or reject data
DROP INDEX name ON category;
ALTER TABLE category MODIFY COLUMN name varchar(50) NOT NULL;

CREATE TABLE legacy_import (
    id int NOT NULL,
    payload text,
    PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
