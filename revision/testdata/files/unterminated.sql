-- unterminated
-- revision: abc
-- down_revision:
-- +upgrade
SELECT 1;
INSERT INTO t VALUES ('oops);
-- +downgrade
