-- drop note
--
-- revision: sq05
-- down_revision: sq04

-- +upgrade
ALTER TABLE account DROP COLUMN note;

-- +downgrade
