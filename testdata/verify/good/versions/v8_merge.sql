-- merge
--
-- revision: v8
-- down_revision: v7a, v7b

-- +upgrade


-- +downgrade

