ALTER TABLE user_account ADD COLUMN nickname VARCHAR(30);
