ALTER TABLE department DROP CONSTRAINT department_manager_id_fkey;

-- WARNING: drops table employee and all its rows
DROP TABLE employee;

-- WARNING: drops table department and all its rows
DROP TABLE department;
