ALTER TABLE player ADD COLUMN team_id INTEGER REFERENCES team (id);
CREATE INDEX ix_player_team_id ON player (team_id);
