-- orders
--
-- revision: v2
-- down_revision: v1

-- +upgrade
CREATE TABLE orders (
    id INTEGER PRIMARY KEY,
    account_id INTEGER REFERENCES account (id),
    total INTEGER
);
CREATE INDEX ix_orders_account ON orders (account_id);

-- +downgrade
-- the index goes with the table (MySQL will not drop an index its foreign key uses)
DROP TABLE orders;
