ALTER TABLE book DROP CONSTRAINT book_author_id_fkey;
