-- rename column
--
-- revision: po29
-- down_revision: po28

-- +upgrade
ALTER TABLE account RENAME COLUMN name TO full_name;

-- +downgrade
