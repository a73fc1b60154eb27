ALTER TABLE users DROP CONSTRAINT uq_users_tenant_login;
