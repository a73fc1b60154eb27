-- token
--
-- revision: po22
-- down_revision: po21

-- +upgrade
ALTER TABLE account ADD COLUMN token UUID DEFAULT gen_random_uuid();

-- +downgrade
