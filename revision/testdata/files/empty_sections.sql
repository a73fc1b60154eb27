-- merge heads
--
-- revision: m1
-- down_revision: a1, b1
-- branch_labels:
-- depends_on:
-- create_date: 2026-11-21 10:00:00

-- +upgrade

-- +downgrade
