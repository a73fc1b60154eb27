-- upgrade=true
-- line 22
ALTER TABLE item ADD COLUMN note VARCHAR;
-- line 23
CREATE INDEX ix_item_note ON item (note);
-- line 25
UPDATE item SET note = 'n';
-- line 26
COMMENT ON TABLE item IS 'things';
-- upgrade=false
-- line 33
DROP INDEX ix_item_note;
-- line 35
COMMENT ON TABLE item IS NULL;
-- line 37
ALTER TABLE item DROP COLUMN note;
