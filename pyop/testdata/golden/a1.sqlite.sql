-- upgrade=true
-- line 21
CREATE TABLE account (
    id INTEGER NOT NULL,
    name VARCHAR(50) NOT NULL,
    email VARCHAR(200),
    created DATETIME DEFAULT CURRENT_TIMESTAMP,
    score NUMERIC(10, 2) DEFAULT '0',
    ratio FLOAT,
    active BOOLEAN DEFAULT true NOT NULL,
    born DATE,
    wakes TIME,
    bio TEXT,
    avatar BLOB,
    small SMALLINT,
    big BIGINT,
    kind VARCHAR(5),
    "order" INTEGER,
    PRIMARY KEY (id),
    UNIQUE (email),
    CONSTRAINT ck_account_score CHECK (score >= 0)
);
-- line 41
CREATE INDEX ix_account_name ON account (name);
-- line 42
CREATE TABLE item (
    id INTEGER NOT NULL,
    account_id INTEGER NOT NULL,
    data JSON,
    label VARCHAR(20) DEFAULT 'it''s',
    CONSTRAINT pk_item PRIMARY KEY (id),
    CONSTRAINT fk_item_account FOREIGN KEY(account_id) REFERENCES account (id) ON DELETE CASCADE,
    CONSTRAINT uq_item_account_label UNIQUE (account_id, label)
);
-- line 51
CREATE UNIQUE INDEX ix_item_label ON item (label) WHERE label IS NOT NULL;
-- line 52
CREATE INDEX ix_item_lower ON item (lower(label));
-- line 53
CREATE TABLE tag (
    account_id INTEGER NOT NULL,
    name VARCHAR(30) NOT NULL,
    PRIMARY KEY (account_id, name),
    FOREIGN KEY(account_id) REFERENCES account (id)
);
-- line 59
CREATE TABLE badge (
    id INTEGER NOT NULL,
    code VARCHAR(10) NOT NULL,
    slug VARCHAR(40),
    ref INTEGER,
    owner VARCHAR(40),
    PRIMARY KEY (id),
    CONSTRAINT uq_badge_slug_owner UNIQUE (slug, owner),
    UNIQUE (code),
    UNIQUE (owner)
);
-- line 59
CREATE UNIQUE INDEX ix_badge_ref ON badge (ref);
-- line 68
ALTER TABLE badge ADD COLUMN rank INTEGER;
-- line 68
CREATE INDEX ix_badge_rank ON badge (rank);
-- line 69
CREATE TABLE flag (
    id INTEGER NOT NULL,
    disabled BOOLEAN DEFAULT (0) NOT NULL,
    enabled BOOLEAN DEFAULT (1) NOT NULL,
    at DATETIME DEFAULT (CURRENT_TIMESTAMP),
    double_id INTEGER GENERATED ALWAYS AS (id * 2) STORED,
    PRIMARY KEY (id)
);
-- line 77
ALTER TABLE account ADD COLUMN nickname VARCHAR(40);
-- line 78
ALTER TABLE account ADD COLUMN level INTEGER DEFAULT '1' NOT NULL;
-- line 79
ALTER TABLE account DROP COLUMN nickname;
-- line 80
ALTER TABLE tag RENAME TO account_tag;
-- upgrade=false
-- line 86
DROP TABLE flag;
-- line 87
DROP INDEX ix_badge_rank;
-- line 88
DROP TABLE badge;
-- line 89
DROP TABLE account_tag;
-- line 90
DROP INDEX ix_item_lower;
-- line 91
DROP INDEX ix_item_label;
-- line 92
DROP TABLE item;
-- line 93
DROP INDEX ix_account_name;
-- line 94
DROP TABLE account;
