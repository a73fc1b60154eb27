ALTER TABLE book DROP FOREIGN KEY book_ibfk_1;

ALTER TABLE book ADD CONSTRAINT book_ibfk_1 FOREIGN KEY (`author_id`) REFERENCES `author` (`id`);
