-- stray statement
-- revision: abc
-- down_revision:

-- a comment is fine here
SELECT 1;

-- +upgrade
SELECT 2;
