ALTER TABLE item MODIFY COLUMN name varchar(30);
