-- tags
--
-- revision: v5
-- down_revision: v4

-- +upgrade
CREATE TABLE tag (id INTEGER PRIMARY KEY, name VARCHAR(30) NOT NULL UNIQUE);
INSERT INTO tag (id, name) VALUES (1, 'new');

-- +downgrade
DROP TABLE tag;
