CREATE TABLE `t` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `flag` tinyint(1) DEFAULT 0,
  `n` int DEFAULT 5,
  `born` year,
  `ts` timestamp NULL DEFAULT current_timestamp(),
  `doc` longtext CHARACTER SET utf8mb4 COLLATE utf8mb4_bin DEFAULT NULL CHECK (json_valid(`doc`)),
  `p` int(11) DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `p` (`p`),
  CONSTRAINT `t_ibfk_1` FOREIGN KEY (`p`) REFERENCES `t` (`id`) ON DELETE RESTRICT ON UPDATE NO ACTION,
  CONSTRAINT `CONSTRAINT_1` CHECK (`n` > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
