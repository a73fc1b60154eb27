CREATE TABLE orders (
    id INT NOT NULL PRIMARY KEY,
    status ENUM('new', 'paid', 'shipped', 'it''s gone') NOT NULL DEFAULT 'new'
);
