-- rebuild of table users (SQLite cannot ALTER this): add constraint uq_users_tenant_login on users: UNIQUE (tenant, login)
PRAGMA defer_foreign_keys = ON;
CREATE TABLE _retort_tmp_users (
    id INTEGER NOT NULL PRIMARY KEY,
    email VARCHAR(100) NOT NULL,
    tenant INTEGER NOT NULL,
    login VARCHAR(30) NOT NULL,
    CONSTRAINT uq_users_tenant_login UNIQUE (tenant, login)
);
INSERT INTO _retort_tmp_users (id, email, tenant, login) SELECT id, email, tenant, login FROM users;
DROP TABLE users;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_tmp_users RENAME TO users;
PRAGMA legacy_alter_table = OFF;
CREATE TEMP TABLE _retort_fk_check (violations INTEGER CONSTRAINT foreign_key_violations_in_users CHECK (violations = 0));
INSERT INTO _retort_fk_check SELECT count(*) FROM pragma_foreign_key_check('users');
DROP TABLE _retort_fk_check;
