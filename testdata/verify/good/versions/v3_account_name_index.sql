-- account name index
--
-- revision: v3
-- down_revision: v2

-- +upgrade
CREATE INDEX ix_account_name ON account (name);

-- +downgrade
DROP INDEX ix_account_name;
