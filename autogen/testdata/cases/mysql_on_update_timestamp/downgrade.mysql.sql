-- WARNING: drops column document.updated_at and its data
ALTER TABLE document MODIFY COLUMN created_at datetime NOT NULL DEFAULT CURRENT_TIMESTAMP;
ALTER TABLE document DROP COLUMN updated_at;
