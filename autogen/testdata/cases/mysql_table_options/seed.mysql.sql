INSERT INTO audit (id, msg) VALUES (1, 'x'), (2, NULL);
