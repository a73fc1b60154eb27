INSERT INTO setting (key, value) VALUES ('a', '1'), ('b', NULL);
