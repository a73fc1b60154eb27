-- WARNING: changes type of customer.score from bigint to int, which may lose or reject data
-- WARNING: changes type of customer.name from varchar(100) to varchar(50), which may lose or reject data
-- WARNING: drops column customer.tier and its data
DROP INDEX ix_customer_score_name ON customer;
ALTER TABLE customer ADD COLUMN legacy_code varchar(10);
ALTER TABLE customer MODIFY COLUMN score int;
ALTER TABLE customer MODIFY COLUMN name varchar(50);
ALTER TABLE customer DROP COLUMN tier;
