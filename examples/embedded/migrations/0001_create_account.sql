-- create account table
--
-- revision: 1975ea83b712
-- down_revision:
-- branch_labels:
-- depends_on:
-- create_date: 2026-11-21 10:00:00.000000

-- +upgrade
CREATE TABLE account (
    id INTEGER NOT NULL PRIMARY KEY,
    name VARCHAR(50) NOT NULL
);

-- +downgrade
DROP TABLE account;
