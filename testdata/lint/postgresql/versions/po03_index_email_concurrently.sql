-- index email concurrently
--
-- revision: po03
-- down_revision: po02
-- transactional: false

-- +upgrade
CREATE INDEX CONCURRENTLY ix_account_email2 ON account (email);

-- +downgrade
