package dialect

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"time"
)

// sqliteDialect is SQLite through github.com/mattn/go-sqlite3.
type sqliteDialect struct{}

func (sqliteDialect) Name() string           { return "sqlite" }
func (sqliteDialect) ImplName() string       { return "SQLiteImpl" }
func (sqliteDialect) TransactionalDDL() bool { return false } // Alembic's choice for SQLite
func (sqliteDialect) Terminator() string     { return ";" }

var sqliteReserved = withWords(sqlReserved, `abort action add after alter attach autoincrement
before begin by cascade conflict database deferred delete detach each escape exclusive exists
explain fail glob if ignore immediate index indexed insert instead key match no notnull of
plan pragma query raise recursive regexp reindex release rename replace restrict row
rollback savepoint set temp temporary transaction trigger update vacuum values view virtual
with without`)

func (sqliteDialect) QuoteIdent(name string) string { return quoteIfNeeded(name, sqliteReserved) }

func (d sqliteDialect) HasTable(ctx context.Context, q Querier, schema, table string) (bool, error) {
	master := "sqlite_master"
	if schema != "" {
		master = d.QuoteIdent(schema) + ".sqlite_master"
	}
	var n int
	err := rtScalar(ctx, q, "SELECT count(*) FROM "+master+" WHERE type = 'table' AND name = ?", []any{table}, &n)
	if err != nil {
		return false, fmt.Errorf("dialect/sqlite: look up table %s: %w", table, err)
	}
	return n > 0, nil
}

// Lock takes an exclusive flock on "<database file>.retort-lock".
//
// Why not SQLite's own write lock: revisions commit one by one, and a write lock lives
// only as long as one transaction, so a second run could slip in between two revisions
// and re-plan from a half-applied state... or the whole run would have to be one
// transaction, which transactional: false revisions (VACUUM) cannot join. Why not a lock
// on the database file itself: closing any descriptor of that file drops SQLite's POSIX
// locks in this process. A side file avoids both; it is left in place after the run,
// because deleting it would let a waiter lock an unlinked inode while a newcomer locks a
// fresh file. An in-memory database is private to its connection and needs no lock.
func (sqliteDialect) Lock(ctx context.Context, conn *sql.Conn, key string, timeout time.Duration) (func() error, error) {
	var file string
	err := conn.QueryRowContext(ctx, "SELECT file FROM pragma_database_list WHERE name = 'main'").Scan(&file)
	if err != nil {
		return nil, fmt.Errorf("dialect/sqlite: find database file: %w", err)
	}
	if file == "" {
		return func() error { return nil }, nil
	}
	f, err := os.OpenFile(file+".retort-lock", os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("dialect/sqlite: lock: %w", err)
	}
	if err := poll(ctx, timeout, func() (bool, error) { return tryFlock(f) }); err != nil {
		f.Close()
		return nil, fmt.Errorf("dialect/sqlite: lock %s: %w", f.Name(), err)
	}
	return func() error {
		err := unFlock(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return err
	}, nil
}

// StatementContext implements Runtime: go-sqlite3 watches a cancellable context with a
// goroutine per statement, a third of a 1,000-revision upgrade's time; SQLite statements
// are short, so the runner's check between statements is enough.
func (sqliteDialect) StatementContext(ctx context.Context) context.Context {
	return context.WithoutCancel(ctx)
}
