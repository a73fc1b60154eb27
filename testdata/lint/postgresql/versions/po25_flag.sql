-- flag
--
-- revision: po25
-- down_revision: po24

-- +upgrade
ALTER TABLE account ADD COLUMN flag BOOLEAN NOT NULL;

-- +downgrade
