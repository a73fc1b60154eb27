INSERT INTO ticket (id, state) VALUES (1, 'open'), (2, 'closed');
