CREATE TABLE misc (id INTEGER NOT NULL PRIMARY KEY);
CREATE TABLE employee (
    id INTEGER NOT NULL PRIMARY KEY,
    department_id INTEGER
);
CREATE TABLE department (
    id INTEGER NOT NULL PRIMARY KEY,
    manager_id INTEGER REFERENCES employee (id)
);
ALTER TABLE employee ADD CONSTRAINT fk_employee_department FOREIGN KEY (department_id) REFERENCES department (id);
