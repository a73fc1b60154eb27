INSERT INTO owner (name) VALUES ('ann');
