CREATE INDEX region_id ON store (`region_id`);

CREATE TABLE region (
    id int NOT NULL,
    name text,
    PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

ALTER TABLE store ADD CONSTRAINT store_ibfk_1 FOREIGN KEY (`region_id`) REFERENCES `region` (`id`);
