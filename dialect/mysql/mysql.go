// Package mysql is the MySQL and MariaDB dialect: URLs and the go-sql-driver/mysql driver,
// GET_LOCK, a commit per revision (MySQL DDL commits implicitly), reflection from
// information_schema, and DDL rendering as SQLAlchemy's MySQL dialect writes it.
package mysql

import (
	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/sqlscript"
)

// Dialect is the MySQL/MariaDB dialect. One value serves every connection; MariaDB is
// set for mariadb:// URLs, which Alembic runs with its MariaDBImpl (a mysql:// URL on a
// MariaDB server is still MySQLImpl: Alembic goes by the URL, not the server).
type Dialect struct {
	MariaDB bool
}

// SQLOptions are MySQL's lexical rules as the mysql client reads a script: backslash
// escapes, "..." strings, # and "-- " comments, routine bodies and DELIMITER.
func (Dialect) SQLOptions() sqlscript.Options { return sqlscript.MySQL }

var (
	_ dialect.Dialect          = Dialect{}
	_ dialect.RevisionBeginner = Dialect{}
	_ dialect.PartialCommitter = Dialect{}
)
