-- index in a transaction
--
-- revision: po04
-- down_revision: po03

-- +upgrade
CREATE INDEX CONCURRENTLY ix_orders_note ON orders (note);

-- +downgrade
