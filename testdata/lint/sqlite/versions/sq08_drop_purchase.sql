-- drop purchase
--
-- revision: sq08
-- down_revision: sq07

-- +upgrade
DROP TABLE purchase;

-- +downgrade
