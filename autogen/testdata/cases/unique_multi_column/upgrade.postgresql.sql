ALTER TABLE users ADD CONSTRAINT uq_users_tenant_login UNIQUE (tenant, login);
