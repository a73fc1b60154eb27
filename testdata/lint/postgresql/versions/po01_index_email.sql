-- index email
--
-- revision: po01
-- down_revision: po00

-- +upgrade
CREATE INDEX ix_account_email ON account (email);

-- +downgrade
