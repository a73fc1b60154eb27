ALTER TABLE event_log ADD CONSTRAINT event_log_pkey PRIMARY KEY (id);
