CREATE INDEX ix_document_title_lower ON document USING btree (lower(title));
