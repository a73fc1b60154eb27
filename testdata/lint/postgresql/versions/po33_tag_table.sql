-- tag table
--
-- revision: po33
-- down_revision: po32

-- +upgrade
CREATE TABLE tag (id SERIAL PRIMARY KEY, name TEXT NOT NULL);
CREATE INDEX ix_tag_name ON tag (name);
ALTER TABLE tag ADD CONSTRAINT uq_tag UNIQUE (name);

-- +downgrade
