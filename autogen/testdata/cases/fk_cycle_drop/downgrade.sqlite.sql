CREATE TABLE department (
    id INTEGER NOT NULL PRIMARY KEY,
    manager_id INTEGER REFERENCES employee (id)
);

CREATE TABLE employee (
    id INTEGER NOT NULL PRIMARY KEY,
    department_id INTEGER,
    CONSTRAINT fk_employee_department FOREIGN KEY (department_id) REFERENCES department (id)
);
