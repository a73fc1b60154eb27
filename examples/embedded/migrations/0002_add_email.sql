-- add account.email
--
-- revision: ae1027a6acf
-- down_revision: 1975ea83b712
-- branch_labels:
-- depends_on:
-- create_date: 2026-11-21 10:05:00.000000

-- +upgrade
ALTER TABLE account ADD COLUMN email VARCHAR(200);
INSERT INTO account (id, name, email) VALUES (1, 'alice', 'alice@example.com');

-- +downgrade
ALTER TABLE account DROP COLUMN email;
