INSERT INTO product (id, price, discount) VALUES (1, 10.50, 0), (2, 99.00, 5.00);
