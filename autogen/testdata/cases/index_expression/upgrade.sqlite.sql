CREATE INDEX ix_document_title_lower ON document (lower(title));
