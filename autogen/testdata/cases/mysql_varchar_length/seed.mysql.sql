INSERT INTO customer (email, note) VALUES ('a@example.com', 'first'), ('b@example.com', NULL), ('c@example.com', 'it''s \\ fine');
