INSERT INTO employee (id, department_id) VALUES (1, NULL);
INSERT INTO department (id, manager_id) VALUES (1, 1);
UPDATE employee SET department_id = 1;
INSERT INTO misc (id) VALUES (1);
