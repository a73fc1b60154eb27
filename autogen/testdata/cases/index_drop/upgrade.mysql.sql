DROP INDEX ix_document_owner ON document;
