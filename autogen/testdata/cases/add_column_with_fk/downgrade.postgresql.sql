ALTER TABLE player DROP CONSTRAINT player_team_id_fkey;

-- WARNING: drops column player.team_id and its data
DROP INDEX ix_player_team_id;
ALTER TABLE player DROP COLUMN team_id;
