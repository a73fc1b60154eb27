-- drop column
--
-- revision: po37
-- down_revision: po36

-- +upgrade
ALTER TABLE account DROP COLUMN flag;

-- +downgrade
