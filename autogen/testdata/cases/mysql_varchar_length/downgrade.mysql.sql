-- WARNING: changes type of customer.email from varchar(255) to varchar(40), which may lose or reject data
ALTER TABLE customer MODIFY COLUMN note varchar(200);
ALTER TABLE customer MODIFY COLUMN email varchar(40) NOT NULL DEFAULT '' COMMENT 'login';
