-- upgrade=true
-- line 21
ALTER TABLE item ADD COLUMN note VARCHAR;
-- line 21
CREATE INDEX ix_item_note ON item (note);
-- line 25
UPDATE item SET note = 'n';
-- upgrade=false
-- line 32
DROP INDEX ix_item_note;
-- line 37
ALTER TABLE item DROP COLUMN note;
