CREATE INDEX author_id ON book (`author_id`);

ALTER TABLE book ADD CONSTRAINT book_ibfk_1 FOREIGN KEY (`author_id`) REFERENCES `author` (`id`);
