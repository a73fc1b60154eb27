-- rebuild of table book (SQLite cannot ALTER this): drop foreign key (unnamed) on book: FOREIGN KEY (author_id) REFERENCES author(id) ON DELETE CASCADE; add foreign key (unnamed) on book: FOREIGN KEY (author_id) REFERENCES author(id) ON DELETE SET NULL ON UPDATE CASCADE
PRAGMA defer_foreign_keys = ON;
CREATE TABLE _retort_tmp_book (
    id INTEGER NOT NULL PRIMARY KEY,
    author_id INTEGER REFERENCES author (id) ON DELETE SET NULL ON UPDATE CASCADE,
    title TEXT NOT NULL
);
INSERT INTO _retort_tmp_book (id, author_id, title) SELECT id, author_id, title FROM book;
DROP TABLE book;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_tmp_book RENAME TO book;
PRAGMA legacy_alter_table = OFF;
CREATE TEMP TABLE _retort_fk_check (violations INTEGER CONSTRAINT foreign_key_violations_in_book CHECK (violations = 0));
INSERT INTO _retort_fk_check SELECT count(*) FROM pragma_foreign_key_check('book');
DROP TABLE _retort_fk_check;
