INSERT INTO customer (id, name, legacy_code, score) VALUES (1, 'ann', 'A1', 10), (2, 'bob', 'B2', 20), (3, 'cy', NULL, 0);
INSERT INTO purchase (id, customer_id, amount) VALUES (1, 1, 100), (2, 1, 150), (3, 2, 99);
