-- rebuild of table item (SQLite cannot ALTER this): alter column item.id: type INTEGER -> BIGINT
PRAGMA defer_foreign_keys = ON;
CREATE TABLE _retort_tmp_item (
    id BIGINT NOT NULL PRIMARY KEY,
    name VARCHAR(30) NOT NULL,
    note TEXT
);
INSERT INTO _retort_tmp_item (id, name, note) SELECT id, name, note FROM item;
DROP TABLE item;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_tmp_item RENAME TO item;
PRAGMA legacy_alter_table = OFF;
CREATE TEMP TABLE _retort_fk_check (violations INTEGER CONSTRAINT foreign_key_violations_in_item CHECK (violations = 0));
INSERT INTO _retort_fk_check SELECT count(*) FROM pragma_foreign_key_check('item');
DROP TABLE _retort_fk_check;
