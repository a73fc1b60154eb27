INSERT INTO reading (taken_at, value) VALUES ('2026-01-01 00:00:00', 1.5);
