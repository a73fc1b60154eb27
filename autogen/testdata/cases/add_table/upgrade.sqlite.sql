CREATE TABLE address (
    id INTEGER NOT NULL PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES user_account (id),
    email VARCHAR(100) NOT NULL
);
CREATE INDEX ix_address_user_id ON address (user_id);
