ALTER TABLE ticket ALTER COLUMN id DROP IDENTITY;
CREATE SEQUENCE ticket_id_seq OWNED BY ticket.id;
ALTER TABLE ticket ALTER COLUMN id SET DEFAULT nextval('ticket_id_seq'::regclass);
SELECT setval('ticket_id_seq', COALESCE(MAX(id), 0) + 1, false) FROM ticket;
