INSERT INTO membership (id, group_id, user_id) VALUES (1, 10, 100), (2, 10, 101);
