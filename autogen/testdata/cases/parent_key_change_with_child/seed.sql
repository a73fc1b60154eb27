INSERT INTO country (id, code) VALUES (1, 'FR'), (2, 'NO');
INSERT INTO city (id, country_id, name) VALUES (1, 1, 'Lyon'), (2, 2, 'Bergen');
