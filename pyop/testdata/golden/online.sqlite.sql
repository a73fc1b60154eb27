-- a1 upgrade=true
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
CREATE INDEX ix_account_name ON account (name);
CREATE TABLE item (
    id INTEGER NOT NULL,
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
CREATE UNIQUE INDEX ix_badge_ref ON badge (ref);
ALTER TABLE badge ADD COLUMN rank INTEGER;
CREATE INDEX ix_badge_rank ON badge (rank);
CREATE TABLE flag (
    id INTEGER NOT NULL,
    disabled BOOLEAN DEFAULT (0) NOT NULL,
    enabled BOOLEAN DEFAULT (1) NOT NULL,
    at DATETIME DEFAULT (CURRENT_TIMESTAMP),
    double_id INTEGER GENERATED ALWAYS AS (id * 2) STORED,
    PRIMARY KEY (id)
);
ALTER TABLE account ADD COLUMN nickname VARCHAR(40);
ALTER TABLE account ADD COLUMN level INTEGER DEFAULT '1' NOT NULL;
ALTER TABLE account DROP COLUMN nickname;
ALTER TABLE tag RENAME TO account_tag;
-- b2 upgrade=true
ALTER TABLE item ADD COLUMN note VARCHAR;
CREATE INDEX ix_item_note ON item (note);
UPDATE item SET note = 'n';
-- d4 upgrade=true
INSERT INTO account (name, small, big, avatar) VALUES ('ann', 5, 7, NULL);
INSERT INTO item (id, account_id, label) SELECT 1, id, 'first' FROM account;
PRAGMA defer_foreign_keys = ON;
CREATE TABLE _retort_tmp_account (
    id INTEGER NOT NULL,
    name VARCHAR(50) NOT NULL,
    email VARCHAR(200),
    created DATETIME DEFAULT current_timestamp,
    score NUMERIC(10,2) DEFAULT '0',
    active BOOLEAN DEFAULT true NOT NULL,
    born DATE,
    wakes VARCHAR(8),
    bio TEXT,
    avatar BLOB,
    small SMALLINT DEFAULT '0' NOT NULL,
    big BIGINT,
    kind VARCHAR(5),
    "order" INTEGER,
    level INTEGER DEFAULT '1' NOT NULL,
    updated DATETIME DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (id),
    UNIQUE (email),
    CONSTRAINT ck_account_score CHECK (score >= 0),
    CONSTRAINT uq_account_small_big UNIQUE (small, big)
);
INSERT INTO _retort_tmp_account (id, name, email, created, score, active, born, wakes, bio, avatar, small, big, kind, "order", level) SELECT id, name, email, created, score, active, born, wakes, bio, avatar, small, big, kind, "order", level FROM account;
DROP TABLE account;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_tmp_account RENAME TO account;
PRAGMA legacy_alter_table = OFF;
CREATE INDEX ix_account_name ON account (name);
CREATE TEMP TABLE _retort_fk_check (violations INTEGER CONSTRAINT foreign_key_violations_in_account CHECK (violations = 0));
INSERT INTO _retort_fk_check SELECT count(*) FROM pragma_foreign_key_check('account');
DROP TABLE _retort_fk_check;
ALTER TABLE account RENAME COLUMN avatar TO picture;
PRAGMA defer_foreign_keys = ON;
CREATE TABLE _retort_tmp_item (
    id INTEGER NOT NULL,
    account_id INTEGER NOT NULL,
    data JSON,
    label VARCHAR(20) DEFAULT 'it''s',
    note VARCHAR,
    CONSTRAINT pk_item PRIMARY KEY (id),
    CONSTRAINT fk_item_account FOREIGN KEY(account_id) REFERENCES account (id) ON DELETE CASCADE,
    CONSTRAINT ck_item_label CHECK (label <> '')
);
INSERT INTO _retort_tmp_item (id, account_id, data, label, note) SELECT id, account_id, data, label, note FROM item;
DROP TABLE item;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_tmp_item RENAME TO item;
PRAGMA legacy_alter_table = OFF;
CREATE UNIQUE INDEX ix_item_label ON item (label) WHERE label IS NOT NULL;
CREATE INDEX ix_item_lower ON item (lower(label));
CREATE INDEX ix_item_note ON item (note);
CREATE TEMP TABLE _retort_fk_check (violations INTEGER CONSTRAINT foreign_key_violations_in_item CHECK (violations = 0));
INSERT INTO _retort_fk_check SELECT count(*) FROM pragma_foreign_key_check('item');
DROP TABLE _retort_fk_check;
-- d4 upgrade=false
PRAGMA defer_foreign_keys = ON;
CREATE TABLE _retort_tmp_item (
    id INTEGER NOT NULL,
    account_id INTEGER NOT NULL,
    data JSON,
    label VARCHAR(20) DEFAULT 'it''s',
    note VARCHAR,
    CONSTRAINT pk_item PRIMARY KEY (id),
    CONSTRAINT fk_item_account FOREIGN KEY(account_id) REFERENCES account (id) ON DELETE CASCADE,
    CONSTRAINT uq_item_account_label UNIQUE (account_id, label)
);
INSERT INTO _retort_tmp_item (id, account_id, data, label, note) SELECT id, account_id, data, label, note FROM item;
DROP TABLE item;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_tmp_item RENAME TO item;
PRAGMA legacy_alter_table = OFF;
CREATE UNIQUE INDEX ix_item_label ON item (label) WHERE label IS NOT NULL;
CREATE INDEX ix_item_lower ON item (lower(label));
CREATE INDEX ix_item_note ON item (note);
CREATE TEMP TABLE _retort_fk_check (violations INTEGER CONSTRAINT foreign_key_violations_in_item CHECK (violations = 0));
INSERT INTO _retort_fk_check SELECT count(*) FROM pragma_foreign_key_check('item');
DROP TABLE _retort_fk_check;
PRAGMA defer_foreign_keys = ON;
CREATE TABLE _retort_tmp_account (
    id INTEGER NOT NULL,
    name VARCHAR(50) NOT NULL,
    email VARCHAR(200),
    created DATETIME DEFAULT current_timestamp,
    score NUMERIC(10,2) DEFAULT '0',
    active BOOLEAN DEFAULT true NOT NULL,
    born DATE,
    wakes TIME,
    bio TEXT,
    picture BLOB,
    small SMALLINT,
    big BIGINT,
    kind VARCHAR(5),
    "order" INTEGER,
    level INTEGER DEFAULT '1' NOT NULL,
    ratio FLOAT,
    PRIMARY KEY (id),
    UNIQUE (email),
    CONSTRAINT ck_account_score CHECK (score >= 0)
);
INSERT INTO _retort_tmp_account (id, name, email, created, score, active, born, wakes, bio, picture, small, big, kind, "order", level) SELECT id, name, email, created, score, active, born, wakes, bio, picture, small, big, kind, "order", level FROM account;
DROP TABLE account;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_tmp_account RENAME TO account;
PRAGMA legacy_alter_table = OFF;
CREATE INDEX ix_account_name ON account (name);
CREATE TEMP TABLE _retort_fk_check (violations INTEGER CONSTRAINT foreign_key_violations_in_account CHECK (violations = 0));
INSERT INTO _retort_fk_check SELECT count(*) FROM pragma_foreign_key_check('account');
DROP TABLE _retort_fk_check;
ALTER TABLE account RENAME COLUMN picture TO avatar;
DELETE FROM item;
DELETE FROM account;
-- b2 upgrade=false
DROP INDEX ix_item_note;
ALTER TABLE item DROP COLUMN note;
-- a1 upgrade=false
DROP TABLE flag;
DROP INDEX ix_badge_rank;
DROP TABLE badge;
DROP TABLE account_tag;
DROP INDEX ix_item_lower;
DROP INDEX ix_item_label;
DROP TABLE item;
DROP INDEX ix_account_name;
DROP TABLE account;
