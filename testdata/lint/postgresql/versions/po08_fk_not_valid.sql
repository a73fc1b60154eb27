-- fk not valid
--
-- revision: po08
-- down_revision: po07

-- +upgrade
ALTER TABLE orders ADD CONSTRAINT fk_orders_account2 FOREIGN KEY (account_id) REFERENCES account (id) NOT VALID;

-- +downgrade
