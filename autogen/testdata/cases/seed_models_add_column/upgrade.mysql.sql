ALTER TABLE user_account ADD COLUMN nickname varchar(30);
