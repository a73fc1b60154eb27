ALTER TABLE player ADD COLUMN team_id integer;
CREATE INDEX ix_player_team_id ON player USING btree (team_id);

ALTER TABLE player ADD CONSTRAINT player_team_id_fkey FOREIGN KEY (team_id) REFERENCES team(id);
