INSERT INTO parent (id) VALUES (1), (2);
INSERT INTO child (id, parent_id, name, kind) VALUES (1, 1, 'a', 0), (2, 2, 'b', 0);
INSERT INTO other (id, parent_id) VALUES (1, 1), (2, 2);
