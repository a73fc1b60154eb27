DROP INDEX ix_document_owner ON document;
CREATE INDEX ix_document_owner ON document (`owner`);
