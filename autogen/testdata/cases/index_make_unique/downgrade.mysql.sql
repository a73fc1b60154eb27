DROP INDEX ix_document_slug ON document;
CREATE INDEX ix_document_slug ON document (`slug`);
