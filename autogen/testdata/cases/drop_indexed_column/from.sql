CREATE TABLE post (id INTEGER NOT NULL PRIMARY KEY, slug VARCHAR(40), body TEXT);
CREATE INDEX ix_post_slug ON post (slug);
