INSERT INTO user_account (id, name) VALUES (1, 'ann');
INSERT INTO address (id, user_id, email) VALUES (10, 1, 'ann@example.com');
