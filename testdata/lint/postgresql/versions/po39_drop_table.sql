-- drop table
--
-- revision: po39
-- down_revision: po38
-- lint: ignore drop-table the tag feature was removed in v3

-- +upgrade
DROP TABLE tag;

-- +downgrade
