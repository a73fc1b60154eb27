CREATE UNIQUE INDEX email ON users (`email`);
