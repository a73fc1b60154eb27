// Package sqlite is the SQLite dialect through github.com/mattn/go-sqlite3: file and
// in-memory URLs, a file lock beside the database, one transaction with a savepoint per
// revision, reflection from sqlite_master and pragmas, and table rebuilds where SQLite
// cannot ALTER.
package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"net/url"
	"strings"

	"github.com/mattn/go-sqlite3"
	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/sqlscript"
)

func init() { dialect.Register(Dialect{}) }

// Dialect is SQLite through github.com/mattn/go-sqlite3. It holds no state.
type Dialect struct{}

var (
	_ dialect.Dialect          = Dialect{}
	_ dialect.Inspector        = Dialect{}
	_ dialect.Renderer         = Dialect{}
	_ dialect.AlembicRenderer  = Dialect{}
	_ dialect.ScratchDatabaser = Dialect{}
)

func (Dialect) Name() string           { return "sqlite" }
func (Dialect) ImplName() string       { return "SQLiteImpl" }
func (Dialect) TransactionalDDL() bool { return true } // SQLite's DDL rolls back (Alembic's flag says false)
func (Dialect) Terminator() string     { return ";" }

// SQLOptions implements dialect.Dialect: backticks, [brackets], comments that do not nest
// and trigger bodies.
func (Dialect) SQLOptions() sqlscript.Options { return sqlscript.SQLite }

// Literal implements dialect.Dialect: SQLite takes backslashes literally.
func (Dialect) Literal(s string) string { return dialect.Literal(s) }

// TxPolicy implements dialect.Dialect. Alembic commits each revision on SQLite (it
// treats SQLite's DDL as non-transactional); one transaction with a savepoint per
// revision gives the same outcome on failure without a durable commit (an fsync) per
// revision, which made a 1,000-revision upgrade ~100x slower than the same SQL run in
// one go. A crash mid-run keeps none of the run, which is consistent. Offline, as
// Alembic, no BEGIN/COMMIT is printed.
func (Dialect) TxPolicy(_, offline bool) dialect.TxPolicy {
	if offline {
		return dialect.TxAutocommit
	}
	return dialect.TxSavepointPerRevision
}

// busyMillis is how long a SQLite connection retries a locked database.
const busyMillis = 30000

// Open implements dialect.Dialect.
func (Dialect) Open(_ context.Context, u dialect.URL) (*sql.DB, error) { return open(u, busyMillis) }

// open opens u retrying a locked database for busy milliseconds.
func open(u dialect.URL, busy int) (*sql.DB, error) {
	dsn, memory := sqliteDSN(u, busy)
	db, err := sql.Open("sqlite3", dsn)
	if err != nil {
		return nil, err
	}
	if memory {
		// Every connection to :memory: is a database of its own: keep exactly one.
		db.SetMaxOpenConns(1)
		db.SetConnMaxLifetime(0)
		db.SetConnMaxIdleTime(0)
	}
	return db, nil
}

// OwnsDriver implements dialect.Dialect.
func (Dialect) OwnsDriver(drv driver.Driver) bool {
	_, ok := drv.(*sqlite3.SQLiteDriver)
	return ok
}

var sqliteReserved = dialect.ReservedWords(`abort action add after alter attach autoincrement
before begin by cascade conflict database deferred delete detach each escape exclusive exists
explain fail glob if ignore immediate index indexed insert instead key match no notnull of
plan pragma query raise recursive regexp reindex release rename replace restrict row
rollback savepoint set temp temporary transaction trigger update vacuum values view virtual
with without`)

func (Dialect) QuoteIdent(name string) string { return dialect.QuoteIfNeeded(name, sqliteReserved) }

func (d Dialect) HasTable(ctx context.Context, q dialect.Querier, schema, table string) (bool, error) {
	master := "sqlite_master"
	if schema != "" {
		master = d.QuoteIdent(schema) + ".sqlite_master"
	}
	var n int
	err := dialect.QueryScalar(ctx, q, "SELECT count(*) FROM "+master+" WHERE type = 'table' AND name = ?", []any{table}, &n)
	if err != nil {
		return false, fmt.Errorf("dialect/sqlite: look up table %s: %w", table, err)
	}
	return n > 0, nil
}

// StatementContext implements dialect.Dialect: go-sqlite3 watches a cancellable context with a
// goroutine per statement, a third of a 1,000-revision upgrade's time; SQLite statements
// are short, so the runner's check between statements is enough.
func (Dialect) StatementContext(ctx context.Context) context.Context {
	return context.WithoutCancel(ctx)
}

// sqliteParams are SQLAlchemy's pysqlite URL options that map onto SQLite URI
// parameters; the rest (check_same_thread, timeout, uri) do not apply.
var sqliteParams = map[string]bool{"mode": true, "cache": true, "vfs": true, "immutable": true, "nolock": true}

// sqliteDSN renders u as a go-sqlite3 DSN. sqlite:///rel.db is relative to the current
// directory, sqlite:////abs.db absolute, and sqlite:// or sqlite:///:memory: in memory.
// Writes take the lock at BEGIN (BEGIN IMMEDIATE) so two writers never deadlock on a lock
// upgrade, and a busy database is retried for busyMillis.
func sqliteDSN(u dialect.URL, busyMillis int) (dsn string, memory bool) {
	path := u.Database
	memory = path == "" || path == ":memory:"
	if memory {
		path = ":memory:"
	}
	q := url.Values{}
	for k, vs := range u.Query {
		if sqliteParams[k] && len(vs) > 0 {
			q.Set(k, vs[len(vs)-1])
		}
	}
	q.Set("_busy_timeout", fmt.Sprint(busyMillis))
	q.Set("_txlock", "immediate")
	// retort's own option, for scratch databases: synchronous=off skips the fsync of
	// every commit (a replay commits a few times per revision)
	if vs := u.Query["synchronous"]; len(vs) > 0 {
		q.Set("_sync", vs[len(vs)-1])
	}
	esc := strings.NewReplacer("%", "%25", "?", "%3F", "#", "%23").Replace(path)
	return "file:" + esc + "?" + q.Encode(), memory
}
