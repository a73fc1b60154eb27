DROP INDEX ix_account_name;
