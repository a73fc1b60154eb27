ALTER TABLE ticket MODIFY COLUMN title text NOT NULL COMMENT 'what the ticket is about';
