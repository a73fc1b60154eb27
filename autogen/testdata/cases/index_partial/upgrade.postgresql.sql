CREATE UNIQUE INDEX ix_document_live_slug ON document USING btree (slug) WHERE (NOT archived);
