INSERT INTO document (id, owner, slug, title, archived) VALUES (1, 7, 'a', 'Alpha', false), (2, 7, 'b', 'Beta', true);
