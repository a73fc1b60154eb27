CREATE UNIQUE INDEX ix_document_live_slug ON document (slug) WHERE NOT archived;
