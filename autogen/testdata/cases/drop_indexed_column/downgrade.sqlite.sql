ALTER TABLE post ADD COLUMN slug VARCHAR(40);
CREATE INDEX ix_post_slug ON post (slug);
