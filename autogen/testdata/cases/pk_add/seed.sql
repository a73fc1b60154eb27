INSERT INTO event_log (id, message) VALUES (1, 'start'), (2, 'stop');
