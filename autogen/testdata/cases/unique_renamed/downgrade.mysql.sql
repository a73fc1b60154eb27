DROP INDEX uq_login_per_tenant ON users;
CREATE UNIQUE INDEX uq_users_tenant_login ON users (`tenant`, `login`);
