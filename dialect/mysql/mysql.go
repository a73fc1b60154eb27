// Package mysql is the MySQL and MariaDB dialect: URLs and the go-sql-driver/mysql driver,
// GET_LOCK, a commit per revision (MySQL DDL commits implicitly), reflection from
// information_schema, and DDL rendering as SQLAlchemy's MySQL dialect writes it.
package mysql

// Dialect is the MySQL/MariaDB dialect. It holds no state: one value serves every connection.
type Dialect struct{}
