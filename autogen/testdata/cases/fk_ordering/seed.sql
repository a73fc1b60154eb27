INSERT INTO zeta (id) VALUES (1);
