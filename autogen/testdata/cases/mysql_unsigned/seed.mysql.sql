INSERT INTO stock (id, qty, code) VALUES (1, 5, 42), (2, 0, NULL);
