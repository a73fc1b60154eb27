ALTER TABLE product DROP CONSTRAINT ck_product_discount;
ALTER TABLE product MODIFY COLUMN price decimal(10,2) NOT NULL;
