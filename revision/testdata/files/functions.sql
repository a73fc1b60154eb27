-- functions and triggers
-- revision: f00d
-- down_revision: cafe0001

-- +downgrade
DROP TRIGGER account_touch ON account;
DROP FUNCTION touch();

-- +upgrade
CREATE FUNCTION touch() RETURNS trigger AS $$
BEGIN
  NEW.updated = now(); -- a ; in a comment
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER account_touch BEFORE UPDATE ON account
  FOR EACH ROW EXECUTE FUNCTION touch();
INSERT INTO note VALUES ('it''s; fine');
