ALTER TABLE orders MODIFY COLUMN status enum('new','paid','shipped','it''s gone') NOT NULL DEFAULT 'new';
