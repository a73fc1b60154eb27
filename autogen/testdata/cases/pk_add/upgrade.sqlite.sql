-- rebuild of table event_log (SQLite cannot ALTER this): add constraint (unnamed) on event_log: PRIMARY KEY (id)
PRAGMA defer_foreign_keys = ON;
CREATE TABLE _retort_tmp_event_log (
    id INTEGER NOT NULL,
    message TEXT,
    PRIMARY KEY (id)
);
INSERT INTO _retort_tmp_event_log (id, message) SELECT id, message FROM event_log;
DROP TABLE event_log;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_tmp_event_log RENAME TO event_log;
PRAGMA legacy_alter_table = OFF;
CREATE TEMP TABLE _retort_fk_check (violations INTEGER CONSTRAINT foreign_key_violations_in_event_log CHECK (violations = 0));
INSERT INTO _retort_fk_check SELECT count(*) FROM pragma_foreign_key_check('event_log');
DROP TABLE _retort_fk_check;
