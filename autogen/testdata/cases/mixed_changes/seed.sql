INSERT INTO category (id, name) VALUES (1, 'tools'), (2, 'toys');
INSERT INTO product (id, category_id, name, old_sku) VALUES (1, 1, 'hammer', 'H-1'), (2, 2, 'yoyo', NULL);
INSERT INTO legacy_import (id, payload) VALUES (1, '{}');
