CREATE TABLE users (
    id INTEGER NOT NULL PRIMARY KEY,
    email VARCHAR(100) NOT NULL,
    tenant INTEGER NOT NULL,
    login VARCHAR(30) NOT NULL,
    CONSTRAINT uq_users_tenant_login UNIQUE (tenant, login)
);
