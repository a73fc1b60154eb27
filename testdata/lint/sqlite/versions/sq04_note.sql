-- note
--
-- revision: sq04
-- down_revision: sq03

-- +upgrade
ALTER TABLE account ADD COLUMN note TEXT;

-- +downgrade
