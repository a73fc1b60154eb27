-- WARNING: changes type of customer.score from bigint to integer, which may lose or reject data
-- WARNING: changes type of customer.name from character varying(100) to character varying(50), which may lose or reject data
-- WARNING: drops column customer.tier and its data
DROP INDEX ix_customer_score_name;
ALTER TABLE customer DROP CONSTRAINT customer_score_check;
ALTER TABLE customer ADD COLUMN legacy_code character varying(10);
ALTER TABLE customer ALTER COLUMN score DROP DEFAULT;
ALTER TABLE customer ALTER COLUMN score TYPE integer USING score::integer;
ALTER TABLE customer ALTER COLUMN name TYPE character varying(50) USING name::character varying(50);
ALTER TABLE customer ALTER COLUMN name DROP NOT NULL;
ALTER TABLE customer DROP COLUMN tier;
