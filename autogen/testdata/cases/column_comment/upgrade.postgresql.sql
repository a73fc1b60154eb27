COMMENT ON COLUMN ticket.title IS 'what the ticket is about';
