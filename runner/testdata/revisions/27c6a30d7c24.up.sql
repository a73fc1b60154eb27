CREATE INDEX ix_account_name ON account (name);
