ALTER TABLE book DROP FOREIGN KEY book_ibfk_1;

DROP INDEX author_id ON book;
