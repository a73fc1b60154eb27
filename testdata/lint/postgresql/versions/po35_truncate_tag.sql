-- truncate tag
--
-- revision: po35
-- down_revision: po34

-- +upgrade
TRUNCATE tag;

-- +downgrade
