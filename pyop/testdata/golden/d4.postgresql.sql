-- upgrade=true
-- line 20
INSERT INTO account (name, small, big, avatar) VALUES ('ann', 5, 7, NULL);
-- line 21
INSERT INTO item (id, account_id, label) SELECT 1, id, 'first' FROM account;
-- line 24
ALTER TABLE account ADD COLUMN updated TIMESTAMP WITHOUT TIME ZONE DEFAULT CURRENT_TIMESTAMP;
-- line 25
ALTER TABLE account ALTER COLUMN wakes TYPE VARCHAR(8);
-- line 29
ALTER TABLE account ALTER COLUMN small SET NOT NULL;
-- line 29
ALTER TABLE account ALTER COLUMN small SET DEFAULT '0';
-- line 33
ALTER TABLE account ADD CONSTRAINT uq_account_small_big UNIQUE (small, big);
-- line 34
ALTER TABLE account DROP COLUMN ratio;
-- line 35
ALTER TABLE account RENAME avatar TO picture;
-- line 38
ALTER TABLE item DROP CONSTRAINT uq_item_account_label;
-- line 39
ALTER TABLE item ADD CONSTRAINT ck_item_label CHECK (label <> '');
-- upgrade=false
-- line 47
ALTER TABLE item DROP CONSTRAINT ck_item_label;
-- line 48
ALTER TABLE item ADD CONSTRAINT uq_item_account_label UNIQUE (account_id, label);
-- line 51
ALTER TABLE account RENAME picture TO avatar;
-- line 52
ALTER TABLE account ADD COLUMN ratio FLOAT;
-- line 53
ALTER TABLE account DROP CONSTRAINT uq_account_small_big;
-- line 54
ALTER TABLE account ALTER COLUMN small DROP NOT NULL;
-- line 54
ALTER TABLE account ALTER COLUMN small DROP DEFAULT;
-- line 58
ALTER TABLE account ALTER COLUMN wakes TYPE TIME WITHOUT TIME ZONE USING wakes::time without time zone;
-- line 63
ALTER TABLE account DROP COLUMN updated;
-- line 66
DELETE FROM item;
-- line 67
DELETE FROM account;
