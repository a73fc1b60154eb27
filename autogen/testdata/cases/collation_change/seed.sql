INSERT INTO tag (id, label) VALUES (1, 'b'), (2, 'A');
