DROP INDEX ix_document_title_lower;
