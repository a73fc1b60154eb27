DROP INDEX uq_users_tenant_login ON users;
