INSERT INTO post (id, slug, body) VALUES (1, 'hello', 'Hello!');
