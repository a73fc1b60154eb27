-- WARNING: changes type of item.id from bigint to int, which may lose or reject data
ALTER TABLE item MODIFY COLUMN id int NOT NULL;
