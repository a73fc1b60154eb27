INSERT INTO item (id, name, note) VALUES (1, 'one', 'first');
