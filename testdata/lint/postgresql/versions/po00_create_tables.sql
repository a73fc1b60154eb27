-- create tables
--
-- revision: po00
-- down_revision: 

-- +upgrade
CREATE TABLE account (id SERIAL PRIMARY KEY, email VARCHAR(50), name TEXT, qty INTEGER, price NUMERIC(10,2));
CREATE TABLE orders (id SERIAL PRIMARY KEY, account_id INTEGER, note TEXT);
CREATE TABLE audit (id SERIAL PRIMARY KEY, body TEXT);

-- +downgrade
