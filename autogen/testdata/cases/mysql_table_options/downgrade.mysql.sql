-- WARNING: drops column audit.doc and its data
ALTER TABLE audit ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
ALTER TABLE audit COMMENT = '';
ALTER TABLE audit DROP CONSTRAINT `CONSTRAINT_1`;
ALTER TABLE audit DROP COLUMN doc;
