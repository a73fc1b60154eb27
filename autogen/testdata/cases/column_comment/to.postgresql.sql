CREATE TABLE ticket (
    id INTEGER NOT NULL PRIMARY KEY,
    title TEXT NOT NULL
);
COMMENT ON COLUMN ticket.title IS 'what the ticket is about';
