// Package mysql is the MySQL and MariaDB dialect: URLs and the go-sql-driver/mysql driver,
// GET_LOCK, a commit per revision (MySQL DDL commits implicitly), reflection from
// information_schema, and DDL rendering as SQLAlchemy's MySQL dialect writes it.
package mysql

import "github.com/retort-dev/retort/sqlscript"

// Dialect is the MySQL/MariaDB dialect. It holds no state: one value serves every connection.
type Dialect struct{}

// SQLOptions are MySQL's lexical rules as the mysql client reads a script: backslash
// escapes, "..." strings, # and "-- " comments, routine bodies and DELIMITER.
func (Dialect) SQLOptions() sqlscript.Options { return sqlscript.MySQL }
