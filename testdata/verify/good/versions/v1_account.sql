-- account
--
-- revision: v1
-- down_revision: 

-- +upgrade
CREATE TABLE account (
    id INTEGER PRIMARY KEY,
    email VARCHAR(100) NOT NULL,
    name VARCHAR(50),
    status VARCHAR(20) DEFAULT 'active'
);

-- +downgrade
DROP TABLE account;
