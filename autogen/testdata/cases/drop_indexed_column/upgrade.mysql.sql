-- WARNING: drops column post.slug and its data
DROP INDEX ix_post_slug ON post;
ALTER TABLE post DROP COLUMN slug;
