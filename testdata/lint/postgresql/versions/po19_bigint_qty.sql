-- bigint qty
--
-- revision: po19
-- down_revision: po18

-- +upgrade
ALTER TABLE account ALTER COLUMN qty TYPE BIGINT;

-- +downgrade
