// Package postgres is the PostgreSQL dialect through github.com/jackc/pgx/v5: libpq-style
// URLs, an advisory lock, one transaction per command (or per revision), bulk catalog
// reflection, scratch builds in a rolled-back schema, and the server's naming rules.
package postgres

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"hash/fnv"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/stdlib"
	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/sqlscript"
)

func init() { dialect.Register(Dialect{}, "postgres") }

// Dialect is PostgreSQL through github.com/jackc/pgx/v5. It holds no state.
type Dialect struct{}

var (
	_ dialect.Dialect          = Dialect{}
	_ dialect.Inspector        = Dialect{}
	_ dialect.Renderer         = Dialect{}
	_ dialect.AlembicRenderer  = Dialect{}
	_ dialect.NameRules        = Dialect{}
	_ dialect.ScratchDatabaser = Dialect{}
)

func (Dialect) Name() string           { return "postgresql" }
func (Dialect) ImplName() string       { return "PostgresqlImpl" }
func (Dialect) TransactionalDDL() bool { return true }
func (Dialect) Terminator() string     { return ";" }

// SQLOptions implements dialect.Dialect: $tag$ strings, E-strings, nested comments and
// BEGIN ATOMIC bodies.
func (Dialect) SQLOptions() sqlscript.Options { return sqlscript.PostgreSQL }

// Literal implements dialect.Dialect (standard_conforming_strings: backslashes are literal).
func (Dialect) Literal(s string) string { return dialect.Literal(s) }

// TxPolicy implements dialect.Dialect: DDL is transactional, so the whole command is one
// transaction, or each revision one with transaction_per_migration; online and offline alike.
func (Dialect) TxPolicy(perMigration, _ bool) dialect.TxPolicy {
	if perMigration {
		return dialect.TxCommitPerRevision
	}
	return dialect.TxPerCommand
}

// Open implements dialect.Dialect.
func (Dialect) Open(_ context.Context, u dialect.URL) (*sql.DB, error) {
	return sql.Open("pgx", postgresDSN(u))
}

// OwnsDriver implements dialect.Dialect.
func (Dialect) OwnsDriver(drv driver.Driver) bool {
	_, ok := drv.(*stdlib.Driver)
	return ok
}

var postgresReserved = dialect.ReservedWords(`returning window with lateral fetch
variadic concurrently tablesample`)

func (Dialect) QuoteIdent(name string) string { return dialect.QuoteIfNeeded(name, postgresReserved) }

func (Dialect) HasTable(ctx context.Context, q dialect.Querier, schema, table string) (bool, error) {
	var n int
	err := dialect.QueryScalar(ctx, q, `SELECT count(*) FROM pg_catalog.pg_class c
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
func (Dialect) Lock(ctx context.Context, conn *sql.Conn, key string, timeout time.Duration) (func() error, error) {
	k := lockKey(key)
	err := dialect.Poll(ctx, timeout, func() (bool, error) {
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

// StatementContext implements dialect.Dialect: pgx cancels a running statement on the server when
// ctx ends, which a long CREATE INDEX needs.
func (Dialect) StatementContext(ctx context.Context) context.Context { return ctx }

// libpqParams are the query parameters libpq (and so psycopg2) accepts in a URL; they
// are passed on. Anything else is a SQLAlchemy or Python-driver option and is dropped.
var libpqParams = map[string]bool{
	"host": true, "hostaddr": true, "port": true, "dbname": true, "user": true,
	"password": true, "passfile": true, "connect_timeout": true, "client_encoding": true,
	"options": true, "application_name": true, "fallback_application_name": true,
	"keepalives": true, "keepalives_idle": true, "keepalives_interval": true,
	"keepalives_count": true, "tcp_user_timeout": true, "sslmode": true,
	"sslcert": true, "sslkey": true, "sslpassword": true, "sslrootcert": true,
	"sslcrl": true, "sslsni": true, "requiressl": true, "krbsrvname": true,
	"gssencmode": true, "service": true, "target_session_attrs": true,
	"channel_binding": true, "ssl_min_protocol_version": true, "ssl_max_protocol_version": true,
}

// postgresDSN renders u as a libpq keyword/value string for pgx. Parts the URL leaves
// empty come from PGHOST, PGPORT, PGUSER, PGPASSWORD and PGDATABASE, as with psycopg2.
func postgresDSN(u dialect.URL) string {
	kv := map[string]string{}
	set := func(key, val, env string) {
		if val == "" {
			val = os.Getenv(env)
		}
		if val != "" {
			kv[key] = val
		}
	}
	set("host", u.Host, "PGHOST")
	set("port", u.Port, "PGPORT")
	set("user", u.User, "PGUSER")
	set("password", u.Password, "PGPASSWORD")
	set("dbname", u.Database, "PGDATABASE")
	for k, vs := range u.Query {
		switch {
		case k == "ssl" && len(vs) > 0 && kv["sslmode"] == "":
			// asyncpg spells sslmode as ssl=require etc.
			kv["sslmode"] = vs[len(vs)-1]
		case libpqParams[k] && len(vs) > 0:
			kv[k] = vs[len(vs)-1] // the query wins over the URL parts, as in libpq
		}
	}
	keys := make([]string, 0, len(kv))
	for k := range kv {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(k + "=" + quoteDSNValue(kv[k]))
	}
	return b.String()
}

func quoteDSNValue(v string) string {
	// libpq separates keywords with any white space (isspace), so all of it is quoted.
	if v != "" && !strings.ContainsAny(v, " \t\n\r\v\f'\\") {
		return v
	}
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(v) + "'"
}
