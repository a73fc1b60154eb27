-- twice
-- revision: abc
-- down_revision:
-- +upgrade
SELECT 1;
-- +upgrade
SELECT 2;
