-- unique
--
-- revision: po12
-- down_revision: po11

-- +upgrade
ALTER TABLE account ADD CONSTRAINT uq_account_email UNIQUE (email);

-- +downgrade
