-- backfill
--
-- revision: po31
-- down_revision: po30

-- +upgrade
ALTER TABLE account ADD COLUMN score INTEGER;
UPDATE account SET score = qty;

-- +downgrade
