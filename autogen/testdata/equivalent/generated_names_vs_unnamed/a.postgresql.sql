CREATE TABLE parent (id INTEGER NOT NULL, CONSTRAINT parent_pkey PRIMARY KEY (id));
CREATE TABLE child (
    id INTEGER NOT NULL CONSTRAINT child_pkey PRIMARY KEY,
    parent_id INTEGER CONSTRAINT child_parent_id_fkey REFERENCES parent (id),
    code VARCHAR(10) CONSTRAINT child_code_key UNIQUE
);
CREATE INDEX ON child (parent_id);
