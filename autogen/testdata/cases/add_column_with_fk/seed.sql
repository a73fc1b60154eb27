INSERT INTO team (id, name) VALUES (1, 'red');
INSERT INTO player (id, name) VALUES (1, 'pat'), (2, 'sam');
