ALTER TABLE other DROP INDEX ix_other, ADD INDEX ix_other (`parent_id`);

ALTER TABLE child ADD INDEX ix_child_parent (`parent_id`), DROP INDEX ix_child_parent_name;
