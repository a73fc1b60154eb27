-- WARNING: changes type of ticket.state from ticket_state to character varying(10), which may lose or reject data
ALTER TABLE ticket ALTER COLUMN state DROP DEFAULT;
ALTER TABLE ticket ALTER COLUMN state TYPE character varying(10) USING state::character varying(10);
ALTER TABLE ticket ALTER COLUMN state SET DEFAULT 'open'::character varying;

DROP TYPE ticket_state;
