DROP INDEX email ON users;
