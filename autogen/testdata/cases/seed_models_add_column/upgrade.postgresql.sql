ALTER TABLE user_account ADD COLUMN nickname character varying(30);
