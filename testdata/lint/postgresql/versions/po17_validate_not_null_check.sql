-- validate not null check
--
-- revision: po17
-- down_revision: po16

-- +upgrade
ALTER TABLE orders VALIDATE CONSTRAINT ck_orders_account;

-- +downgrade
