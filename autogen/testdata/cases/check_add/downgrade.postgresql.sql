ALTER TABLE product DROP CONSTRAINT product_price_check;
ALTER TABLE product DROP CONSTRAINT ck_product_discount;
