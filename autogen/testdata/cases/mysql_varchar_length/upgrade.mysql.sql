-- WARNING: changes type of customer.note from varchar(200) to varchar(100), which may lose or reject data
ALTER TABLE customer MODIFY COLUMN email varchar(255) NOT NULL DEFAULT '' COMMENT 'login';
ALTER TABLE customer MODIFY COLUMN note varchar(100);
