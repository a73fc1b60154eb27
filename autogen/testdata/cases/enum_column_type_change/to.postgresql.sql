CREATE TYPE ticket_state AS ENUM ('open', 'closed');
CREATE TABLE ticket (id INTEGER NOT NULL PRIMARY KEY, state ticket_state NOT NULL DEFAULT 'open');
