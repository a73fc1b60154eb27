INSERT INTO user_account (id, name) VALUES (1, 'ann'), (2, 'bob');
