CREATE TABLE ticket (
    id INTEGER NOT NULL PRIMARY KEY,
    title TEXT NOT NULL
);
COMMENT ON TABLE ticket IS 'support tickets; one per request';
