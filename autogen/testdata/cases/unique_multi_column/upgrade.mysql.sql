CREATE UNIQUE INDEX uq_users_tenant_login ON users (`tenant`, `login`);
