-- tags
--
-- revision: v5
-- down_revision: v4

-- +upgrade
CREATE TABLE tag (id INTEGER PRIMARY KEY, name VARCHAR(30) NOT NULL UNIQUE);
-- settings was created by hand on the production database, never by a revision
INSERT INTO settings (k, v) VALUES ('tags', 'on');

-- +downgrade
DROP TABLE tag;
