-- WARNING: changes type of item.name from varchar(100) to varchar(30), which may lose or reject data
ALTER TABLE item MODIFY COLUMN name varchar(30) NOT NULL;
