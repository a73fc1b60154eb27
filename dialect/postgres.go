package dialect

import (
	"context"
	"database/sql"
	"fmt"
	"hash/fnv"
	"time"
)

// postgresDialect is PostgreSQL through github.com/jackc/pgx/v5.
type postgresDialect struct{}

func (postgresDialect) Name() string           { return "postgresql" }
func (postgresDialect) ImplName() string       { return "PostgresqlImpl" }
func (postgresDialect) TransactionalDDL() bool { return true }
func (postgresDialect) Terminator() string     { return ";" }

var postgresReserved = withWords(sqlReserved, `returning window with lateral fetch
variadic concurrently tablesample`)

func (postgresDialect) QuoteIdent(name string) string { return quoteIfNeeded(name, postgresReserved) }

func (postgresDialect) HasTable(ctx context.Context, q Querier, schema, table string) (bool, error) {
	var n int
	err := rtScalar(ctx, q, `SELECT count(*) FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
AND CASE WHEN $2 = '' THEN pg_catalog.pg_table_is_visible(c.oid) ELSE n.nspname = $2 END`,
		[]any{table, schema}, &n)
	if err != nil {
		return false, fmt.Errorf("dialect/postgresql: look up table %s: %w", table, err)
	}
	return n > 0, nil
}

// lockKey derives the advisory lock key from the version table's name, so projects
// sharing a database with different version tables do not wait for each other.
func lockKey(key string) int64 {
	h := fnv.New64a()
	h.Write([]byte("retort:" + key))
	return int64(h.Sum64())
}

// Lock takes a session-level advisory lock on conn with pg_try_advisory_lock, polled
// with backoff: a waiting run holds no transaction open, and a blocking
// pg_advisory_lock would hold one that CREATE INDEX CONCURRENTLY in the running
// migration has to wait for.
func (postgresDialect) Lock(ctx context.Context, conn *sql.Conn, key string, timeout time.Duration) (func() error, error) {
	k := lockKey(key)
	err := poll(ctx, timeout, func() (bool, error) {
		var ok bool
		err := conn.QueryRowContext(ctx, "SELECT pg_try_advisory_lock($1)", k).Scan(&ok)
		return ok, err
	})
	if err != nil {
		return nil, fmt.Errorf("dialect/postgresql: lock %s: %w", key, err)
	}
	return func() error {
		// A fresh context: the run's may be cancelled, and the lock must still go.
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_, err := conn.ExecContext(ctx, "SELECT pg_advisory_unlock($1)", k)
		return err
	}, nil
}

// StatementContext implements Runtime: pgx cancels a running statement on the server when
// ctx ends, which a long CREATE INDEX needs.
func (postgresDialect) StatementContext(ctx context.Context) context.Context { return ctx }
