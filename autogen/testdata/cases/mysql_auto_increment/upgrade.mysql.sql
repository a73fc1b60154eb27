ALTER TABLE tag MODIFY COLUMN id int NOT NULL AUTO_INCREMENT;

CREATE TABLE event (
    id bigint unsigned NOT NULL AUTO_INCREMENT,
    tag_id int NOT NULL,
    PRIMARY KEY (`id`),
    KEY tag_id (`tag_id`),
    CONSTRAINT event_ibfk_1 FOREIGN KEY (`tag_id`) REFERENCES `tag` (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
