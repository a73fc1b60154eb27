package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/retort-dev/retort/dialect"
)

// OpenWith opens the database with lock_timeout set on every connection: a statement
// waiting longer for a lock another session holds (LOCK TABLE alembic_version, an open
// transaction that wrote the table) fails with SQLSTATE 55P03. Behind a transaction
// pooler (o.Pooled) statements go by the simple protocol (named prepared statements
// live on one server session) and no session setting is made, since it would stay on a
// pooled session other clients get; set lock_timeout on the role there instead.
func (Dialect) OpenWith(_ context.Context, u dialect.URL, o dialect.OpenOptions) (*sql.DB, error) {
	cfg, err := pgx.ParseConfig(postgresDSN(u))
	if err != nil {
		return nil, err
	}
	var opts []stdlib.OptionOpenDB
	switch {
	case o.Pooled:
		cfg.DefaultQueryExecMode = pgx.QueryExecModeSimpleProtocol
	case o.WaitBound > 0:
		set := fmt.Sprintf("SET lock_timeout = %d", max(o.WaitBound.Milliseconds(), 1))
		opts = append(opts, stdlib.OptionAfterConnect(func(ctx context.Context, c *pgx.Conn) error {
			_, err := c.Exec(ctx, set)
			return err
		}))
	}
	return stdlib.OpenDB(*cfg, opts...), nil
}

// lockHolders lists the other sessions of this database holding table locks that block
// reads or writes, oldest transaction first; query literals are masked.
const lockHolders = `SELECT format('%s (%s) held by pid %s (user %s%s%s, %s since %s: %s)',
	l.relation::regclass, l.mode, a.pid, a.usename,
	CASE WHEN a.application_name <> '' THEN ', application ' || a.application_name ELSE '' END,
	CASE WHEN a.client_addr IS NOT NULL THEN ', from ' || host(a.client_addr) ELSE '' END,
	a.state, to_char(a.xact_start, 'YYYY-MM-DD HH24:MI:SS TZ'),
	left(regexp_replace(a.query, '''(''''|[^''])*''', '''…''', 'g'), 120))
FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
WHERE l.granted AND l.locktype = 'relation' AND a.pid <> pg_backend_pid()
	AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
	AND l.mode IN ('AccessExclusiveLock', 'ExclusiveLock', 'ShareRowExclusiveLock', 'ShareLock')
ORDER BY a.xact_start, l.relation::regclass::text LIMIT 3`

// openTransactions lists the sessions of this database in a transaction that has run for
// longer than the timeout (they hold the row locks a write waits for).
const openTransactions = `SELECT format('pid %s (user %s%s, %s since %s: %s)', a.pid, a.usename,
	CASE WHEN a.application_name <> '' THEN ', application ' || a.application_name ELSE '' END,
	a.state, to_char(a.xact_start, 'YYYY-MM-DD HH24:MI:SS TZ'),
	left(regexp_replace(a.query, '''(''''|[^''])*''', '''…''', 'g'), 120))
FROM pg_stat_activity a
WHERE a.datname = current_database() AND a.pid <> pg_backend_pid() AND a.xact_start IS NOT NULL
ORDER BY a.xact_start LIMIT 3`

// ExplainWait names the table locks other sessions hold, or else their open
// transactions, from pg_locks and pg_stat_activity (what the server can tell after the
// wait gave up).
func (Dialect) ExplainWait(ctx context.Context, db *sql.DB, _ dialect.URL, err error) (string, bool) {
	var pe *pgconn.PgError
	if !errors.As(err, &pe) || pe.Code != "55P03" || db == nil {
		return "", false
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	for _, q := range []struct{ query, intro string }{
		{lockHolders, "locked: "},
		{openTransactions, "open transactions: "},
	} {
		var found []string
		rows, qerr := db.QueryContext(ctx, q.query)
		if qerr != nil {
			continue
		}
		for rows.Next() {
			var s string
			if rows.Scan(&s) == nil {
				found = append(found, strings.Join(strings.Fields(s), " "))
			}
		}
		rows.Close()
		if len(found) > 0 {
			return q.intro + strings.Join(found, "; "), true
		}
	}
	return "no other session holds a lock now", true
}
