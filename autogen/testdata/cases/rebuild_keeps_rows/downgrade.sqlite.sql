-- WARNING: changes type of customer.score from BIGINT to INTEGER, which may lose or reject data
-- WARNING: changes type of customer.name from VARCHAR(100) to VARCHAR(50), which may lose or reject data
-- WARNING: drops column customer.tier and its data
-- rebuild of table customer (SQLite cannot ALTER this): drop index ix_customer_score_name on customer; drop constraint (unnamed) on customer: CHECK (score >= 0); add column customer.legacy_code VARCHAR(10); alter column customer.score: type BIGINT -> INTEGER, default 0 -> (none); alter column customer.name: type VARCHAR(100) -> VARCHAR(50), nullable false -> true; drop column customer.tier
PRAGMA defer_foreign_keys = ON;
CREATE TABLE _retort_tmp_customer (
    id INTEGER NOT NULL PRIMARY KEY,
    name VARCHAR(50),
    legacy_code VARCHAR(10),
    score INTEGER
);
INSERT INTO _retort_tmp_customer (id, name, score) SELECT id, name, score FROM customer;
DROP TABLE customer;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_tmp_customer RENAME TO customer;
PRAGMA legacy_alter_table = OFF;
CREATE INDEX ix_customer_name ON customer (name);
CREATE TEMP TABLE _retort_fk_check (violations INTEGER CONSTRAINT foreign_key_violations_in_customer CHECK (violations = 0));
INSERT INTO _retort_fk_check SELECT count(*) FROM pragma_foreign_key_check('customer');
DROP TABLE _retort_fk_check;
