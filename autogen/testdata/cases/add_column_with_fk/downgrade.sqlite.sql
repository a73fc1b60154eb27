-- WARNING: drops column player.team_id and its data
-- rebuild of table player (SQLite cannot ALTER this): drop foreign key (unnamed) on player: FOREIGN KEY (team_id) REFERENCES team(id); drop index ix_player_team_id on player; drop column player.team_id
PRAGMA defer_foreign_keys = ON;
CREATE TABLE _retort_tmp_player (id INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL);
INSERT INTO _retort_tmp_player (id, name) SELECT id, name FROM player;
DROP TABLE player;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_tmp_player RENAME TO player;
PRAGMA legacy_alter_table = OFF;
CREATE TEMP TABLE _retort_fk_check (violations INTEGER CONSTRAINT foreign_key_violations_in_player CHECK (violations = 0));
INSERT INTO _retort_fk_check SELECT count(*) FROM pragma_foreign_key_check('player');
DROP TABLE _retort_fk_check;
