CREATE TABLE parent (id INTEGER NOT NULL PRIMARY KEY);
CREATE TABLE child (
    id INTEGER NOT NULL PRIMARY KEY,
    parent_id INTEGER REFERENCES parent (id),
    code VARCHAR(10) UNIQUE
);
CREATE INDEX child_parent_id_idx ON child (parent_id);
