ALTER TABLE post ADD COLUMN slug character varying(40);
CREATE INDEX ix_post_slug ON post USING btree (slug);
