CREATE VIEW account_names AS SELECT name FROM account;
