-- drop audit
--
-- revision: po41
-- down_revision: po40
-- lint: ignore drop-table

-- +upgrade
DROP TABLE audit_trail;

-- +downgrade
