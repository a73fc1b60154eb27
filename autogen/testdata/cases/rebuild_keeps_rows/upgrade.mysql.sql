-- WARNING: drops column customer.legacy_code and its data
ALTER TABLE customer ADD COLUMN tier varchar(10) NOT NULL DEFAULT 'basic';
ALTER TABLE customer MODIFY COLUMN name varchar(100) NOT NULL;
ALTER TABLE customer MODIFY COLUMN score bigint DEFAULT 0 CHECK (`score` >= 0);
ALTER TABLE customer DROP COLUMN legacy_code;
CREATE UNIQUE INDEX ix_customer_score_name ON customer (`score`, `name`);
