CREATE TABLE department (
    id integer NOT NULL,
    manager_id integer,
    CONSTRAINT department_pkey PRIMARY KEY (id)
);

CREATE TABLE employee (
    id integer NOT NULL,
    department_id integer,
    CONSTRAINT employee_pkey PRIMARY KEY (id),
    CONSTRAINT fk_employee_department FOREIGN KEY (department_id) REFERENCES department(id)
);

ALTER TABLE department ADD CONSTRAINT department_manager_id_fkey FOREIGN KEY (manager_id) REFERENCES employee(id);
