-- rename orders
--
-- revision: po27
-- down_revision: po26

-- +upgrade
ALTER TABLE audit RENAME TO audit_log;

-- +downgrade
