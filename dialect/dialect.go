// Package dialect holds everything that differs between databases: opening a connection
// from a SQLAlchemy URL, quoting, locking, transactional DDL, offline SQL rendering, and
// (for autogenerate) schema reflection and DDL rendering. Each database is one file set
// (sqlite*.go, postgres*.go); nothing outside this package asks which database it has.
package dialect

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5/stdlib"
	"github.com/mattn/go-sqlite3"
)

// Dialect is one database's behaviour: Runtime for applying revisions, Inspector for
// autogenerate.
type Dialect interface {
	Runtime
	Inspector
}

// sqliteBusyMillis is how long a SQLite connection retries a locked database.
const sqliteBusyMillis = 30000

// Lookup returns the dialect with the given SQLAlchemy name ("sqlite", "postgresql").
func Lookup(name string) (Dialect, error) {
	switch name {
	case "sqlite":
		return sqliteDialect{}, nil
	case "postgresql", "postgres":
		return postgresDialect{}, nil
	}
	return nil, fmt.Errorf("dialect: unsupported database %q (retort supports postgresql and sqlite)", name)
}

// ForURL returns the dialect a SQLAlchemy URL names, without connecting (offline mode).
func ForURL(rawURL string) (Dialect, error) {
	u, err := ParseURL(rawURL)
	if err != nil {
		return nil, err
	}
	return Lookup(u.Dialect)
}

// ForDB returns the dialect of a *sql.DB opened by the caller with go-sqlite3 or pgx.
func ForDB(db *sql.DB) (Dialect, error) {
	switch db.Driver().(type) {
	case *sqlite3.SQLiteDriver:
		return sqliteDialect{}, nil
	case *stdlib.Driver:
		return postgresDialect{}, nil
	}
	return nil, fmt.Errorf("dialect: unsupported database driver %T (use go-sqlite3 or pgx, or name the dialect)", db.Driver())
}

// Open connects to the database a SQLAlchemy URL names and checks the connection.
// No error it returns contains the password.
func Open(ctx context.Context, rawURL string) (*sql.DB, Dialect, error) {
	u, err := ParseURL(rawURL)
	if err != nil {
		return nil, nil, err
	}
	fail := func(err error) (*sql.DB, Dialect, error) {
		// pgx lists one line per address tried; keep the message on one line.
		msg := strings.Join(strings.Fields(hidePassword(err.Error(), u.Password)), " ")
		return nil, nil, fmt.Errorf("dialect: connect to %s: %s", Redact(rawURL), msg)
	}
	var db *sql.DB
	var d Dialect
	switch u.Dialect {
	case "sqlite":
		dsn, memory := sqliteDSN(u, sqliteBusyMillis)
		if db, err = sql.Open("sqlite3", dsn); err != nil {
			return fail(err)
		}
		if memory {
			// Every connection to :memory: is a database of its own: keep exactly one.
			db.SetMaxOpenConns(1)
			db.SetConnMaxLifetime(0)
			db.SetConnMaxIdleTime(0)
		}
		d = sqliteDialect{}
	default:
		if db, err = sql.Open("pgx", postgresDSN(u)); err != nil {
			return fail(err)
		}
		d = postgresDialect{}
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return fail(err)
	}
	return db, d, nil
}

// hidePassword removes a password that a driver message might echo.
func hidePassword(msg, password string) string {
	if password == "" {
		return msg
	}
	return strings.ReplaceAll(msg, password, "XXXXX")
}
