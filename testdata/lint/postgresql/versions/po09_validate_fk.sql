-- validate fk
--
-- revision: po09
-- down_revision: po08

-- +upgrade
ALTER TABLE orders VALIDATE CONSTRAINT fk_orders_account2;

-- +downgrade
