ALTER TABLE event_log DROP CONSTRAINT event_log_pkey;
