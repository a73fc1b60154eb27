package dialect

import (
	"context"
	"database/sql"
	"strings"
	"time"
)

// Runtime is what the runner and the version table need from a database.
type Runtime interface {
	// Name is the SQLAlchemy dialect name: "sqlite" or "postgresql".
	Name() string
	// ImplName is Alembic's implementation class, shown in "Context impl <ImplName>.".
	ImplName() string
	// QuoteIdent quotes an identifier only when it needs quoting, as SQLAlchemy renders
	// names (alembic_version stays bare, MyTable becomes "MyTable").
	QuoteIdent(name string) string
	// TransactionalDDL reports whether DDL can be rolled back, which decides one
	// transaction per command (true) or per revision (false), and BEGIN/COMMIT in offline SQL.
	TransactionalDDL() bool
	// Terminator ends each statement in offline SQL.
	Terminator() string
	// Lock takes the migration lock named key (the qualified version table name) for
	// the whole run, polling until timeout (<= 0: until ctx is done). conn is the
	// connection the run uses; release frees the lock.
	Lock(ctx context.Context, conn *sql.Conn, key string, timeout time.Duration) (release func() error, err error)
	// HasTable reports whether table exists in schema ("" = the default search path).
	HasTable(ctx context.Context, q Querier, schema, table string) (bool, error)
	// StatementContext is the context to run one migration statement with. The runner
	// checks ctx between statements either way; a driver whose statements watch their
	// context at a price (go-sqlite3 starts a goroutine per statement) gets one that
	// cannot be cancelled.
	StatementContext(ctx context.Context) context.Context
}

// rtScalar runs a query returning one row and scans it into dest (Querier, from
// inspect.go, has no QueryRowContext).
func rtScalar(ctx context.Context, q Querier, query string, args []any, dest ...any) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return err
		}
		return sql.ErrNoRows
	}
	if err := rows.Scan(dest...); err != nil {
		return err
	}
	return rows.Close()
}

// poll calls try until it reports success, sleeping with exponential backoff between
// attempts, and gives up with errLockTimeout after timeout (<= 0: only ctx ends it).
func poll(ctx context.Context, timeout time.Duration, try func() (bool, error)) error {
	var deadline time.Time
	if timeout > 0 {
		deadline = time.Now().Add(timeout)
	}
	wait := 10 * time.Millisecond
	for {
		ok, err := try()
		if err != nil || ok {
			return err
		}
		if !deadline.IsZero() && !time.Now().Before(deadline) {
			return &LockTimeoutError{Timeout: timeout}
		}
		d := wait
		if !deadline.IsZero() {
			d = min(d, time.Until(deadline))
		}
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
		wait = min(2*wait, time.Second)
	}
}

// LockTimeoutError means another run held the migration lock for longer than the timeout.
type LockTimeoutError struct{ Timeout time.Duration }

func (e *LockTimeoutError) Error() string {
	return "timed out after " + e.Timeout.String() + " waiting for the migration lock (another migration is running)"
}

// quoteIfNeeded leaves lower-case names made of [a-z0-9_$] that start with a letter or
// underscore and are not reserved words bare, and double-quotes everything else.
func quoteIfNeeded(name string, reserved map[string]bool) string {
	bare := name != "" && !reserved[name]
	for i := 0; bare && i < len(name); i++ {
		c := name[i]
		bare = c == '_' || (c >= 'a' && c <= 'z') || (i > 0 && (c >= '0' && c <= '9' || c == '$'))
	}
	if bare {
		return name
	}
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// sqlReserved are the words SQLAlchemy quotes for every dialect (its compiler's
// RESERVED_WORDS); the dialects add their own.
var sqlReserved = words(`all analyse analyze and any array as asc asymmetric authorization
between binary both case cast check collate column constraint create cross current_date
current_role current_time current_timestamp current_user default deferrable desc distinct
do else end except false for foreign freeze from full grant group having ilike in initially
inner intersect into is isnull join leading left like limit localtime localtimestamp natural
new not notnull null off offset old on only or order outer overlaps placing primary
references right select session_user similar some symmetric table then to trailing true
union unique user using verbose when where`)

func words(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

func withWords(base map[string]bool, extra string) map[string]bool {
	m := words(extra)
	for w := range base {
		m[w] = true
	}
	return m
}

// Literal renders s as a SQL string literal, the same on every database retort supports.
func Literal(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
