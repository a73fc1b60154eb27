DROP INDEX ix_document_slug;
CREATE INDEX ix_document_slug ON document USING btree (slug);
