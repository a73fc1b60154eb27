-- WARNING: drops column customer.legacy_code and its data
-- rebuild of table customer (SQLite cannot ALTER this): add column customer.tier VARCHAR(10); alter column customer.name: type VARCHAR(50) -> VARCHAR(100), nullable true -> false; alter column customer.score: type INTEGER -> BIGINT, default (none) -> 0; drop column customer.legacy_code; add constraint (unnamed) on customer: CHECK (score >= 0); create index ix_customer_score_name on customer (score, name)
PRAGMA defer_foreign_keys = ON;
CREATE TABLE _retort_tmp_customer (
    id INTEGER NOT NULL PRIMARY KEY,
    name VARCHAR(100) NOT NULL,
    score BIGINT DEFAULT 0 CHECK (score >= 0),
    tier VARCHAR(10) DEFAULT 'basic' NOT NULL
);
INSERT INTO _retort_tmp_customer (id, name, score) SELECT id, name, score FROM customer;
DROP TABLE customer;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_tmp_customer RENAME TO customer;
PRAGMA legacy_alter_table = OFF;
CREATE INDEX ix_customer_name ON customer (name);
CREATE UNIQUE INDEX ix_customer_score_name ON customer (score, name);
CREATE TEMP TABLE _retort_fk_check (violations INTEGER CONSTRAINT foreign_key_violations_in_customer CHECK (violations = 0));
INSERT INTO _retort_fk_check SELECT count(*) FROM pragma_foreign_key_check('customer');
DROP TABLE _retort_fk_check;
