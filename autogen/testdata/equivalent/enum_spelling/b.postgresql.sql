CREATE TYPE mood AS ENUM ('sad', 'ok');
CREATE TABLE person (id INTEGER PRIMARY KEY, m mood NOT NULL DEFAULT 'ok');
