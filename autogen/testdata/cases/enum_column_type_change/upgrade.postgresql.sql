CREATE TYPE ticket_state AS ENUM ('open', 'closed');

-- WARNING: changes type of ticket.state from character varying(10) to ticket_state, which may lose or reject data
ALTER TABLE ticket ALTER COLUMN state DROP DEFAULT;
ALTER TABLE ticket ALTER COLUMN state TYPE ticket_state USING state::ticket_state;
ALTER TABLE ticket ALTER COLUMN state SET DEFAULT 'open'::ticket_state;
