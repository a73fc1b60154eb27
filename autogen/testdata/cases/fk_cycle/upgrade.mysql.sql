CREATE TABLE department (
    id int NOT NULL,
    manager_id int,
    PRIMARY KEY (`id`),
    KEY manager_id (`manager_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE employee (
    id int NOT NULL,
    department_id int,
    PRIMARY KEY (`id`),
    KEY fk_employee_department (`department_id`),
    CONSTRAINT fk_employee_department FOREIGN KEY (`department_id`) REFERENCES `department` (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

ALTER TABLE department ADD CONSTRAINT department_ibfk_1 FOREIGN KEY (`manager_id`) REFERENCES `employee` (`id`);
