-- WARNING: drops table event and all its rows
DROP TABLE event;

ALTER TABLE tag MODIFY COLUMN id int NOT NULL;
