// Package dialect is the small core every database implements, the registry of
// databases, and the optional capabilities a database may add (reflection, rendering,
// scratch builds, ...). Each database is a subpackage with the same file set (driver.go,
// inspect.go, scratch.go, render.go, alembic.go) that registers itself in init();
// package dialect/all imports them all. Nothing outside the subpackages asks which
// database it has: it asks the Dialect, or whether the Dialect implements a capability.
// The ANSI pieces that several databases share (quoting rules, literals, the lock's
// backoff, the Alembic-op renderer) live here once.
package dialect

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"time"

	"github.com/retort-dev/retort/sqlscript"
)

// Dialect is what every database provides: enough to apply revisions online and offline.
type Dialect interface {
	// Name is the SQLAlchemy dialect name ("sqlite", "postgresql", ...).
	Name() string
	// ImplName is Alembic's implementation class, shown in "Context impl <ImplName>.".
	ImplName() string
	// Open connects to the database u names (u.Dialect is Name()). The registry's Open
	// parses the URL, pings, and keeps the password out of its errors.
	Open(ctx context.Context, u URL) (*sql.DB, error)
	// OwnsDriver reports whether drv is this dialect's database/sql driver (ForDB).
	OwnsDriver(drv driver.Driver) bool
	// QuoteIdent quotes an identifier only when it needs quoting, as SQLAlchemy renders
	// names (alembic_version stays bare, MyTable becomes "MyTable").
	QuoteIdent(name string) string
	// Literal renders s as a SQL string literal.
	Literal(s string) string
	// Lock takes the migration lock named key (the qualified version table name) for
	// the whole run, polling until timeout (<= 0: until ctx is done). conn is the
	// connection the run uses; release frees the lock.
	Lock(ctx context.Context, conn *sql.Conn, key string, timeout time.Duration) (release func() error, err error)
	// TxPolicy is how a run groups its work into transactions; perMigration is
	// transaction_per_migration and offline the --sql mode (the BEGIN/COMMIT printed).
	TxPolicy(perMigration, offline bool) TxPolicy
	// TransactionalDDL reports whether the database can roll DDL back; with TxPolicy it
	// decides the "Will assume (non-)transactional DDL." log line. Nothing else decides on
	// it: TxPolicy does.
	TransactionalDDL() bool
	// Terminator ends each statement in offline SQL.
	Terminator() string
	// HasTable reports whether table exists in schema ("" = the default search path).
	HasTable(ctx context.Context, q Querier, schema, table string) (bool, error)
	// StatementContext is the context to run one migration statement with. The runner
	// checks ctx between statements either way; a driver whose statements watch their
	// context at a price (go-sqlite3 starts a goroutine per statement) gets one that
	// cannot be cancelled.
	StatementContext(ctx context.Context) context.Context
	// SQLOptions are the lexical rules of the database's SQL (quotes, comments, bodies,
	// DELIMITER), by which its scripts are split into statements and its DDL is read.
	SQLOptions() sqlscript.Options
}

// TxPolicy is how a run groups revisions into transactions. Whatever the policy, a
// "-- transactional: false" revision runs its statements autocommitted (what is pending
// is committed first) and its version-row change in a transaction of its own.
type TxPolicy int

const (
	// TxPerCommand runs the whole command in one transaction: all or nothing.
	TxPerCommand TxPolicy = iota + 1
	// TxSavepointPerRevision runs the command in one transaction with a savepoint per
	// revision: a failing revision is rolled back to its savepoint and the revisions
	// before it are committed, as if each had committed, without a commit (an fsync)
	// per revision.
	TxSavepointPerRevision
	// TxCommitPerRevision commits each revision with its version-row change.
	TxCommitPerRevision
	// TxAutocommit runs every statement outside a transaction; offline, no BEGIN or
	// COMMIT is printed.
	TxAutocommit
)

func (p TxPolicy) String() string {
	switch p {
	case TxPerCommand:
		return "one transaction per command"
	case TxSavepointPerRevision:
		return "one transaction, a savepoint per revision"
	case TxCommitPerRevision:
		return "a commit per revision"
	case TxAutocommit:
		return "autocommit"
	}
	return "unknown transaction policy"
}

// Tx is a transaction a run works in: *sql.Tx is one.
type Tx interface {
	Querier
	Commit() error
	Rollback() error
}

// RevisionBeginner is implemented by a dialect that starts a run's transactions itself
// (e.g. to turn autocommit off on the connection) instead of with conn.BeginTx.
type RevisionBeginner interface {
	BeginRevision(ctx context.Context, conn *sql.Conn) (Tx, error)
}
