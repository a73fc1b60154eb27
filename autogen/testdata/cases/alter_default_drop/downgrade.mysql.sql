ALTER TABLE item MODIFY COLUMN name varchar(30) NOT NULL DEFAULT 'unnamed';
