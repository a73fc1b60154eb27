CREATE TABLE user_account (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	name VARCHAR(30) NOT NULL, 
	fullname VARCHAR(30), 
	nickname VARCHAR(30), 
	PRIMARY KEY (id)
);

CREATE TABLE address (
	id INTEGER NOT NULL AUTO_INCREMENT, 
	email_address VARCHAR(30) NOT NULL, 
	user_id INTEGER NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(user_id) REFERENCES user_account (id)
);

CREATE INDEX ix_address_user_id ON address (user_id);

