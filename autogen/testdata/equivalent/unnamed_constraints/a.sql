CREATE TABLE parent (id INTEGER NOT NULL, PRIMARY KEY (id));
CREATE TABLE child (
    id INTEGER NOT NULL,
    parent_id INTEGER,
    code VARCHAR(10),
    qty INTEGER,
    PRIMARY KEY (id),
    UNIQUE (code),
    CHECK (qty >= 0),
    FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE CASCADE
);
