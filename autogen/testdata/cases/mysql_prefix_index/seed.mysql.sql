INSERT INTO article (id, title, body) VALUES (1, 'hello', 'world'), (2, 'second', 'post');
