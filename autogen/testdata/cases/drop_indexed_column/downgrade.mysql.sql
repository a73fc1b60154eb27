ALTER TABLE post ADD COLUMN slug varchar(40);
CREATE INDEX ix_post_slug ON post (`slug`);
