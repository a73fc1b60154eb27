CREATE TABLE document (
    id INTEGER NOT NULL PRIMARY KEY,
    owner INTEGER NOT NULL,
    slug VARCHAR(50) NOT NULL,
    title TEXT NOT NULL,
    archived BOOLEAN NOT NULL DEFAULT false
);
CREATE INDEX ix_document_owner ON document (owner);
