-- check not null not valid
--
-- revision: po16
-- down_revision: po15

-- +upgrade
ALTER TABLE orders ADD CONSTRAINT ck_orders_account CHECK (account_id IS NOT NULL) NOT VALID;

-- +downgrade
