-- WARNING: drops table address and all its rows
DROP TABLE address;

-- WARNING: drops table user_account and all its rows
DROP TABLE user_account;
