-- WARNING: drops table address and all its rows
DROP TABLE address;
