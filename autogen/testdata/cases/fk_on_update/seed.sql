INSERT INTO author (id, name) VALUES (1, 'le guin');
INSERT INTO book (id, author_id, title) VALUES (1, 1, 'the dispossessed'), (2, NULL, 'anonymous');
