CREATE TABLE account (
	id INTEGER NOT NULL,
	name VARCHAR(50) NOT NULL,
	PRIMARY KEY (id)
);
INSERT INTO account (id, name) VALUES (1, 'it''s');
