INSERT INTO user_account (id, name, fullname) VALUES (1, 'spongebob', 'Spongebob Squarepants');
INSERT INTO address (id, email_address, user_id) VALUES (1, 'spongebob@sqlalchemy.org', 1);
