CREATE TABLE yak (
    id int NOT NULL,
    zeta_id int,
    PRIMARY KEY (`id`),
    KEY zeta_id (`zeta_id`),
    CONSTRAINT yak_ibfk_1 FOREIGN KEY (`zeta_id`) REFERENCES `zeta` (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE beta (
    id int NOT NULL,
    yak_id int,
    PRIMARY KEY (`id`),
    KEY yak_id (`yak_id`),
    CONSTRAINT beta_ibfk_1 FOREIGN KEY (`yak_id`) REFERENCES `yak` (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE alpha (
    id int NOT NULL,
    beta_id int,
    yak_id int,
    PRIMARY KEY (`id`),
    KEY beta_id (`beta_id`),
    KEY yak_id (`yak_id`),
    CONSTRAINT alpha_ibfk_1 FOREIGN KEY (`beta_id`) REFERENCES `beta` (`id`),
    CONSTRAINT alpha_ibfk_2 FOREIGN KEY (`yak_id`) REFERENCES `yak` (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
