INSERT INTO item (id, name, note) VALUES (1, 'one', 'first'), (2, 'two', NULL);
