-- widen email
--
-- revision: po21
-- down_revision: po20

-- +upgrade
ALTER TABLE account ALTER COLUMN email TYPE VARCHAR(200);

-- +downgrade
