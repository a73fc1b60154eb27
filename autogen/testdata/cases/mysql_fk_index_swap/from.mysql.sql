CREATE TABLE parent (id INT NOT NULL PRIMARY KEY);
CREATE TABLE child (
    id INT NOT NULL PRIMARY KEY,
    parent_id INT NOT NULL,
    name VARCHAR(20) NOT NULL,
    kind INT NOT NULL,
    CONSTRAINT fk_child_parent FOREIGN KEY (parent_id) REFERENCES parent (id),
    KEY ix_child_parent (parent_id),
    KEY ix_child_kind (kind)
);
CREATE TABLE other (
    id INT NOT NULL PRIMARY KEY,
    parent_id INT NOT NULL,
    CONSTRAINT fk_other_parent FOREIGN KEY (parent_id) REFERENCES parent (id),
    KEY ix_other (parent_id)
);
