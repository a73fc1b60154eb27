ALTER TABLE product ADD CONSTRAINT ck_product_discount CHECK (`discount` <= `price`);
ALTER TABLE product MODIFY COLUMN price decimal(10,2) NOT NULL CHECK (`price` > 0);
