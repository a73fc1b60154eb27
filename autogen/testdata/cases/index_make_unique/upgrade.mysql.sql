DROP INDEX ix_document_slug ON document;
CREATE UNIQUE INDEX ix_document_slug ON document (`slug`);
