ALTER TABLE department DROP FOREIGN KEY department_ibfk_1;

-- WARNING: drops table employee and all its rows
DROP TABLE employee;

-- WARNING: drops table department and all its rows
DROP TABLE department;
