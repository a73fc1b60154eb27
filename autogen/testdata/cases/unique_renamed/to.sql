CREATE TABLE users (
    id INTEGER NOT NULL PRIMARY KEY,
    email VARCHAR(100) NOT NULL,
    tenant INTEGER NOT NULL,
    login VARCHAR(30) NOT NULL,
    CONSTRAINT uq_login_per_tenant UNIQUE (tenant, login)
);
