CREATE TABLE event_log (
    id INTEGER NOT NULL,
    message TEXT
);
