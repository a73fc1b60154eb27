-- a1 upgrade=true
CREATE TABLE account (
    id SERIAL NOT NULL,
    name VARCHAR(50) NOT NULL,
    email VARCHAR(200),
    created TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
    score NUMERIC(10, 2) DEFAULT '0',
    ratio FLOAT,
    active BOOLEAN DEFAULT true NOT NULL,
    born DATE,
    wakes TIME WITHOUT TIME ZONE,
    bio TEXT,
    avatar BYTEA,
    small SMALLINT,
    big BIGINT,
    kind VARCHAR(5),
    "order" INTEGER,
    PRIMARY KEY (id),
    UNIQUE (email),
    CONSTRAINT ck_account_score CHECK (score >= 0)
);
CREATE INDEX ix_account_name ON account (name);
CREATE TABLE item (
    id BIGSERIAL NOT NULL,
    account_id INTEGER NOT NULL,
    data JSON,
    label VARCHAR(20) DEFAULT 'it''s',
    CONSTRAINT pk_item PRIMARY KEY (id),
    CONSTRAINT fk_item_account FOREIGN KEY(account_id) REFERENCES account (id) ON DELETE CASCADE,
    CONSTRAINT uq_item_account_label UNIQUE (account_id, label)
);
CREATE UNIQUE INDEX ix_item_label ON item (label) WHERE label IS NOT NULL;
CREATE INDEX ix_item_lower ON item (lower(label));
CREATE TABLE tag (
    account_id INTEGER NOT NULL,
    name VARCHAR(30) NOT NULL,
    PRIMARY KEY (account_id, name),
    FOREIGN KEY(account_id) REFERENCES account (id)
);
ALTER TABLE account ADD COLUMN nickname VARCHAR(40);
ALTER TABLE account ADD COLUMN level INTEGER DEFAULT '1' NOT NULL;
ALTER TABLE account DROP COLUMN nickname;
ALTER TABLE tag RENAME TO account_tag;
-- b2 upgrade=true
ALTER TABLE item ADD COLUMN note VARCHAR;
CREATE INDEX ix_item_note ON item (note);
UPDATE item SET note = 'n';
COMMENT ON TABLE item IS 'things';
-- d4 upgrade=true
INSERT INTO account (name, small, big, avatar) VALUES ('ann', 5, 7, NULL);
INSERT INTO item (id, account_id, label) SELECT 1, id, 'first' FROM account;
ALTER TABLE account ADD COLUMN updated TIMESTAMP WITHOUT TIME ZONE DEFAULT CURRENT_TIMESTAMP;
ALTER TABLE account ALTER COLUMN wakes TYPE VARCHAR(8);
ALTER TABLE account ALTER COLUMN small SET NOT NULL;
ALTER TABLE account ALTER COLUMN small SET DEFAULT '0';
ALTER TABLE account ADD CONSTRAINT uq_account_small_big UNIQUE (small, big);
ALTER TABLE account DROP COLUMN ratio;
ALTER TABLE account RENAME avatar TO picture;
ALTER TABLE item DROP CONSTRAINT uq_item_account_label;
ALTER TABLE item ADD CONSTRAINT ck_item_label CHECK (label <> '');
-- c3 upgrade=true
CREATE TYPE event_status AS ENUM ('new', 'done');
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
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
COMMENT ON TABLE event IS 'events';
COMMENT ON COLUMN event."Mixed Case" IS 'col''s comment';
CREATE INDEX ix_event_payload ON event USING gin (payload);
ALTER TABLE account ALTER COLUMN name TYPE VARCHAR(100);
ALTER TABLE account ALTER COLUMN name DROP NOT NULL;
ALTER TABLE account ALTER COLUMN score DROP DEFAULT;
ALTER TABLE account ALTER COLUMN bio SET DEFAULT 'none';
COMMENT ON COLUMN account.bio IS 'about';
ALTER TABLE account RENAME born TO birthday;
ALTER TABLE account ADD CONSTRAINT uq_account_name UNIQUE (name);
ALTER TABLE account ADD CONSTRAINT ck_account_level CHECK (level > 0);
ALTER TABLE item DROP CONSTRAINT fk_item_account;
ALTER TABLE item ADD CONSTRAINT fk_item_account FOREIGN KEY(account_id) REFERENCES account (id) ON DELETE CASCADE ON UPDATE CASCADE;
COMMENT ON TABLE account IS 'people';
ALTER TABLE item ADD COLUMN ids INTEGER[];
ALTER TABLE item ALTER COLUMN label SET NOT NULL;
ALTER TABLE item ALTER COLUMN label SET DEFAULT 'x';
ALTER TABLE item ADD CONSTRAINT uq_item_note UNIQUE (note);
-- c3 upgrade=false
ALTER TABLE item DROP CONSTRAINT uq_item_note;
ALTER TABLE item ALTER COLUMN label DROP NOT NULL;
ALTER TABLE item ALTER COLUMN label SET DEFAULT 'it''s'::character varying;
ALTER TABLE item DROP COLUMN ids;
COMMENT ON TABLE account IS NULL;
ALTER TABLE item DROP CONSTRAINT fk_item_account;
ALTER TABLE item ADD CONSTRAINT fk_item_account FOREIGN KEY(account_id) REFERENCES account (id) ON DELETE CASCADE;
ALTER TABLE account DROP CONSTRAINT ck_account_level;
ALTER TABLE account DROP CONSTRAINT uq_account_name;
ALTER TABLE account RENAME birthday TO born;
ALTER TABLE account ALTER COLUMN bio DROP DEFAULT;
COMMENT ON COLUMN account.bio IS NULL;
ALTER TABLE account ALTER COLUMN score SET DEFAULT '0'::numeric;
ALTER TABLE account ALTER COLUMN name TYPE VARCHAR(50);
ALTER TABLE account ALTER COLUMN name SET NOT NULL;
DROP INDEX ix_event_payload;
DROP TABLE event;
DROP TYPE mood;
DROP TYPE event_status;
-- d4 upgrade=false
ALTER TABLE item DROP CONSTRAINT ck_item_label;
ALTER TABLE item ADD CONSTRAINT uq_item_account_label UNIQUE (account_id, label);
ALTER TABLE account RENAME picture TO avatar;
ALTER TABLE account ADD COLUMN ratio FLOAT;
ALTER TABLE account DROP CONSTRAINT uq_account_small_big;
ALTER TABLE account ALTER COLUMN small DROP NOT NULL;
ALTER TABLE account ALTER COLUMN small DROP DEFAULT;
ALTER TABLE account ALTER COLUMN wakes TYPE TIME WITHOUT TIME ZONE USING wakes::time without time zone;
ALTER TABLE account DROP COLUMN updated;
DELETE FROM item;
DELETE FROM account;
-- b2 upgrade=false
DROP INDEX ix_item_note;
COMMENT ON TABLE item IS NULL;
ALTER TABLE item DROP COLUMN note;
-- a1 upgrade=false
DROP TABLE account_tag;
DROP INDEX ix_item_lower;
DROP INDEX ix_item_label;
DROP TABLE item;
DROP INDEX ix_account_name;
DROP TABLE account;
