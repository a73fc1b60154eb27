-- set not null
--
-- revision: po14
-- down_revision: po13

-- +upgrade
ALTER TABLE account ALTER COLUMN name SET NOT NULL;

-- +downgrade
