-- create tables
--
-- revision: sq00
-- down_revision: 

-- +upgrade
CREATE TABLE account (id INTEGER PRIMARY KEY, email VARCHAR(50), name TEXT);
CREATE TABLE orders (id INTEGER PRIMARY KEY, note TEXT);

-- +downgrade
