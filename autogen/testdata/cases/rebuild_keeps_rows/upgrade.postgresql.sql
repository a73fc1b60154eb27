-- WARNING: drops column customer.legacy_code and its data
ALTER TABLE customer ADD COLUMN tier character varying(10) DEFAULT 'basic'::character varying NOT NULL;
ALTER TABLE customer ALTER COLUMN name TYPE character varying(100) USING name::character varying(100);
ALTER TABLE customer ALTER COLUMN name SET NOT NULL;
ALTER TABLE customer ALTER COLUMN score TYPE bigint USING score::bigint;
ALTER TABLE customer ALTER COLUMN score SET DEFAULT 0;
ALTER TABLE customer DROP COLUMN legacy_code;
ALTER TABLE customer ADD CONSTRAINT customer_score_check CHECK ((score >= 0));
CREATE UNIQUE INDEX ix_customer_score_name ON customer USING btree (score, name);
