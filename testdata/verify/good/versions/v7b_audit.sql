-- audit
--
-- revision: v7b
-- down_revision: v6

-- +upgrade
CREATE TABLE audit (id INTEGER PRIMARY KEY, what TEXT NOT NULL);

-- +downgrade
DROP TABLE audit;
