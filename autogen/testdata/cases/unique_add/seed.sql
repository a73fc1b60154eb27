INSERT INTO users (id, email, tenant, login) VALUES (1, 'a@x.org', 1, 'a'), (2, 'b@x.org', 1, 'b');
