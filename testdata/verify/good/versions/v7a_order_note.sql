-- order note
--
-- revision: v7a
-- down_revision: v6

-- +upgrade
ALTER TABLE orders ADD COLUMN note TEXT;

-- +downgrade
ALTER TABLE orders DROP COLUMN note;
