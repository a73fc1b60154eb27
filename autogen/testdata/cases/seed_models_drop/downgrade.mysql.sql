CREATE TABLE user_account (
    id int NOT NULL AUTO_INCREMENT,
    name varchar(30) NOT NULL,
    fullname varchar(30),
    PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE address (
    id int NOT NULL AUTO_INCREMENT,
    email_address varchar(30) NOT NULL,
    user_id int NOT NULL,
    PRIMARY KEY (`id`),
    KEY ix_address_user_id (`user_id`),
    CONSTRAINT address_ibfk_1 FOREIGN KEY (`user_id`) REFERENCES `user_account` (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
