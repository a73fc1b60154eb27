DROP INDEX ix_document_live_slug;
