ALTER TABLE users DROP CONSTRAINT uq_users_tenant_login;
ALTER TABLE users ADD CONSTRAINT uq_login_per_tenant UNIQUE (tenant, login);
