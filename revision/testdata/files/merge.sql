
-- merge lib and main
-- so both lines continue
--
-- Longer explanation: it also depends on a label.
--
-- revision: cafe0001
-- down_revision: aaaa0001,bbbb0002 , cccc0003
-- branch_labels: release, v2
-- depends_on: lib
-- create_date: 2026-11-21 10:00:00+05:30
-- transactional: false
--   trailing note
-- +upgrade
CREATE INDEX CONCURRENTLY ix_a ON a (b);
-- +downgrade
DROP INDEX CONCURRENTLY ix_a;
