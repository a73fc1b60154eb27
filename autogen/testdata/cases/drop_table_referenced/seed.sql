INSERT INTO region (id, name) VALUES (1, 'north');
INSERT INTO store (id, region_id, name) VALUES (1, NULL, 'main');
