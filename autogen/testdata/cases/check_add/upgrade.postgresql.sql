ALTER TABLE product ADD CONSTRAINT ck_product_discount CHECK ((discount <= price));
ALTER TABLE product ADD CONSTRAINT product_price_check CHECK ((price > (0)::numeric));
