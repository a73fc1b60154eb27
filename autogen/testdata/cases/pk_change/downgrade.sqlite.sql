-- rebuild of table membership (SQLite cannot ALTER this): drop constraint (unnamed) on membership: PRIMARY KEY (group_id, user_id); add constraint (unnamed) on membership: PRIMARY KEY (id)
PRAGMA defer_foreign_keys = ON;
CREATE TABLE _retort_tmp_membership (
    id INTEGER NOT NULL,
    group_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    PRIMARY KEY (id)
);
INSERT INTO _retort_tmp_membership (id, group_id, user_id) SELECT id, group_id, user_id FROM membership;
DROP TABLE membership;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_tmp_membership RENAME TO membership;
PRAGMA legacy_alter_table = OFF;
CREATE TEMP TABLE _retort_fk_check (violations INTEGER CONSTRAINT foreign_key_violations_in_membership CHECK (violations = 0));
INSERT INTO _retort_fk_check SELECT count(*) FROM pragma_foreign_key_check('membership');
DROP TABLE _retort_fk_check;
