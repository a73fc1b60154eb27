ALTER TABLE users DROP CONSTRAINT uq_login_per_tenant;
ALTER TABLE users ADD CONSTRAINT uq_users_tenant_login UNIQUE (tenant, login);
