INSERT INTO account (id, balance) VALUES (1, 100), (2, 5);
UPDATE account SET balance = 50 WHERE id = 1;
