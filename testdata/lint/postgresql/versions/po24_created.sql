-- created
--
-- revision: po24
-- down_revision: po23

-- +upgrade
ALTER TABLE account ADD COLUMN created_at TIMESTAMPTZ NOT NULL DEFAULT now();

-- +downgrade
