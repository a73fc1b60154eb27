CREATE TABLE account (
    id INTEGER PRIMARY KEY,
    email VARCHAR(100) NOT NULL,
    name VARCHAR(50),
    status VARCHAR(20) DEFAULT 'active',
    nickname VARCHAR(40)
);
CREATE INDEX ix_account_name ON account (name);
CREATE TABLE orders (
    id INTEGER PRIMARY KEY,
    account_id INTEGER REFERENCES account (id),
    total INTEGER,
    note TEXT
);
CREATE INDEX ix_orders_account ON orders (account_id);
CREATE TABLE tag (id INTEGER PRIMARY KEY, name VARCHAR(30) NOT NULL UNIQUE);
CREATE TABLE note (
    id INTEGER NOT NULL,
    account_id INTEGER NOT NULL,
    body TEXT,
    CONSTRAINT pk_note PRIMARY KEY (id),
    CONSTRAINT fk_note_account FOREIGN KEY (account_id) REFERENCES account (id)
);
CREATE INDEX ix_note_account ON note (account_id);
CREATE TABLE audit (id INTEGER PRIMARY KEY, what TEXT NOT NULL);
