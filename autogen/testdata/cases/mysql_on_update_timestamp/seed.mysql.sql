INSERT INTO document (id, title, created_at) VALUES (1, 'a', '2026-01-02 03:04:05'), (2, 'b', '2026-02-03 04:05:06');
