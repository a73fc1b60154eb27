-- set not null after check
--
-- revision: po18
-- down_revision: po17

-- +upgrade
ALTER TABLE orders ALTER COLUMN account_id SET NOT NULL;

-- +downgrade
