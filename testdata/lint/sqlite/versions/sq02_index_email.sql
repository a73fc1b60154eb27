-- index email
--
-- revision: sq02
-- down_revision: sq01

-- +upgrade
CREATE INDEX ix_account_email ON account (email);

-- +downgrade
