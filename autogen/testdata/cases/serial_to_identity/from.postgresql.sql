CREATE TABLE ticket (
    id SERIAL PRIMARY KEY,
    title TEXT NOT NULL
);
