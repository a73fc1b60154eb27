ALTER TABLE ticket COMMENT = 'support tickets; one per request';
