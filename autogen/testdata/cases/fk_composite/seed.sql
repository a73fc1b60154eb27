INSERT INTO shelf (aisle, pos) VALUES (1, 1), (1, 2);
INSERT INTO bin (id, aisle, pos) VALUES (1, 1, 2), (2, NULL, NULL);
