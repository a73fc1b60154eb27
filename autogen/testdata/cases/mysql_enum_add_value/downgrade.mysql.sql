-- WARNING: changes type of orders.status from enum('new','paid','shipped','it''s gone') to enum('new','paid'), which may lose or reject data
ALTER TABLE orders MODIFY COLUMN status enum('new','paid') NOT NULL DEFAULT 'new';
