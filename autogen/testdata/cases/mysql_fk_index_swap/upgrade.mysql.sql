ALTER TABLE child ADD INDEX ix_child_parent_name (`parent_id`, `name`), DROP INDEX ix_child_parent;

ALTER TABLE other DROP INDEX ix_other, ADD UNIQUE INDEX ix_other (`parent_id`);
