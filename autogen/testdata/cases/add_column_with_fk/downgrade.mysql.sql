ALTER TABLE player DROP FOREIGN KEY player_ibfk_1;

-- WARNING: drops column player.team_id and its data
DROP INDEX ix_player_team_id ON player;
ALTER TABLE player DROP COLUMN team_id;
