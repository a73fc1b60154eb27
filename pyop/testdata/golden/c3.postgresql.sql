-- upgrade=true
-- line 21
CREATE TYPE event_status AS ENUM ('new', 'done');
-- line 21
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
-- line 21
CREATE TABLE event (
    id UUID DEFAULT gen_random_uuid() NOT NULL,
    status event_status NOT NULL,
    mood mood,
    payload JSONB,
    tags VARCHAR(20)[],
    at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL,
    plain_at TIMESTAMP WITHOUT TIME ZONE,
    ip INET,
    cost DOUBLE PRECISION,
    account_id INTEGER,
    "Mixed Case" INTEGER,
    PRIMARY KEY (id),
    FOREIGN KEY(account_id) REFERENCES account (id) ON DELETE SET NULL ON UPDATE CASCADE
);
-- line 21
COMMENT ON TABLE event IS 'events';
-- line 21
COMMENT ON COLUMN event."Mixed Case" IS 'col''s comment';
-- line 37
CREATE INDEX ix_event_payload ON event USING gin (payload);
-- line 38
ALTER TABLE account ALTER COLUMN name TYPE VARCHAR(100);
-- line 38
ALTER TABLE account ALTER COLUMN name DROP NOT NULL;
-- line 43
ALTER TABLE account ALTER COLUMN score DROP DEFAULT;
-- line 47
ALTER TABLE account ALTER COLUMN bio SET DEFAULT 'none';
-- line 47
COMMENT ON COLUMN account.bio IS 'about';
-- line 48
ALTER TABLE account RENAME born TO birthday;
-- line 49
ALTER TABLE account ADD CONSTRAINT uq_account_name UNIQUE (name);
-- line 50
ALTER TABLE account ADD CONSTRAINT ck_account_level CHECK (level > 0);
-- line 51
ALTER TABLE item DROP CONSTRAINT fk_item_account;
-- line 52
ALTER TABLE item ADD CONSTRAINT fk_item_account FOREIGN KEY(account_id) REFERENCES account (id) ON DELETE CASCADE ON UPDATE CASCADE;
-- line 53
COMMENT ON TABLE account IS 'people';
-- line 54
ALTER TABLE item ADD COLUMN ids INTEGER[];
-- line 56
ALTER TABLE item ALTER COLUMN label SET NOT NULL;
-- line 56
ALTER TABLE item ALTER COLUMN label SET DEFAULT 'x';
-- line 57
ALTER TABLE item ADD CONSTRAINT uq_item_note UNIQUE (note);
-- upgrade=false
-- line 64
ALTER TABLE item DROP CONSTRAINT uq_item_note;
-- line 65
ALTER TABLE item ALTER COLUMN label DROP NOT NULL;
-- line 65
ALTER TABLE item ALTER COLUMN label SET DEFAULT 'it''s'::character varying;
-- line 66
ALTER TABLE item DROP COLUMN ids;
-- line 67
COMMENT ON TABLE account IS NULL;
-- line 68
ALTER TABLE item DROP CONSTRAINT fk_item_account;
-- line 69
ALTER TABLE item ADD CONSTRAINT fk_item_account FOREIGN KEY(account_id) REFERENCES account (id) ON DELETE CASCADE;
-- line 70
ALTER TABLE account DROP CONSTRAINT ck_account_level;
-- line 71
ALTER TABLE account DROP CONSTRAINT uq_account_name;
-- line 72
ALTER TABLE account RENAME birthday TO born;
-- line 73
ALTER TABLE account ALTER COLUMN bio DROP DEFAULT;
-- line 73
COMMENT ON COLUMN account.bio IS NULL;
-- line 74
ALTER TABLE account ALTER COLUMN score SET DEFAULT '0'::numeric;
-- line 77
ALTER TABLE account ALTER COLUMN name TYPE VARCHAR(50);
-- line 77
ALTER TABLE account ALTER COLUMN name SET NOT NULL;
-- line 81
DROP INDEX ix_event_payload;
-- line 82
DROP TABLE event;
-- line 83
DROP TYPE mood;
-- line 84
DROP TYPE event_status;
