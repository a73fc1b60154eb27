ALTER TABLE product DROP CONSTRAINT ck_product_discount;
ALTER TABLE product ADD CONSTRAINT ck_product_discount CHECK (`discount` <= `price`);
