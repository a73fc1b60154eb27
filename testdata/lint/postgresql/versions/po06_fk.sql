-- fk
--
-- revision: po06
-- down_revision: po05

-- +upgrade
ALTER TABLE orders ADD CONSTRAINT fk_orders_account FOREIGN KEY (account_id) REFERENCES account (id);

-- +downgrade
