-- WARNING: drops column user_account.nickname and its data
ALTER TABLE user_account DROP COLUMN nickname;
