DROP INDEX ix_document_slug;
CREATE UNIQUE INDEX ix_document_slug ON document USING btree (slug);
