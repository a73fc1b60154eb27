-- rebuild of table player (SQLite cannot ALTER this): add column player.team_id INTEGER; create index ix_player_team_id on player (team_id); add foreign key (unnamed) on player: FOREIGN KEY (team_id) REFERENCES team(id)
PRAGMA defer_foreign_keys = ON;
CREATE TABLE _retort_tmp_player (id INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, team_id INTEGER REFERENCES team (id));
INSERT INTO _retort_tmp_player (id, name) SELECT id, name FROM player;
DROP TABLE player;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_tmp_player RENAME TO player;
PRAGMA legacy_alter_table = OFF;
CREATE INDEX ix_player_team_id ON player (team_id);
PRAGMA foreign_key_check(player);
