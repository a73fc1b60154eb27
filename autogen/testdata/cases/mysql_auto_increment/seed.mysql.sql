INSERT INTO tag (id, name) VALUES (1, 'red'), (7, 'blue');
