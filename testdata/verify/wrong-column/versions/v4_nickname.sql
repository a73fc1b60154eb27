-- nickname
--
-- revision: v4
-- down_revision: v3

-- +upgrade
ALTER TABLE account ADD COLUMN nickname VARCHAR(40);

-- +downgrade
ALTER TABLE account DROP COLUMN status;
