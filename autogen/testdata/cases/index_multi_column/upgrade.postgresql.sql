DROP INDEX ix_document_owner;
CREATE INDEX ix_document_owner ON document USING btree (owner, slug DESC);
