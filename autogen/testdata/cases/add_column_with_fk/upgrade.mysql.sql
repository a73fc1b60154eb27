ALTER TABLE player ADD COLUMN team_id int;
CREATE INDEX ix_player_team_id ON player (`team_id`);

ALTER TABLE player ADD CONSTRAINT player_ibfk_1 FOREIGN KEY (`team_id`) REFERENCES `team` (`id`);
