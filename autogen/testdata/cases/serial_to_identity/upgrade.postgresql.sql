ALTER TABLE ticket ALTER COLUMN id DROP DEFAULT;
DROP SEQUENCE ticket_id_seq;
ALTER TABLE ticket ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY;
SELECT setval(pg_get_serial_sequence('ticket', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM ticket;
