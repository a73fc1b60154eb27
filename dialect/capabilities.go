package dialect

import (
	"context"
	"database/sql"
	"time"

	"github.com/retort-dev/retort/schema"
)

// The optional capabilities of a dialect. Each dialect asserts the ones it has at
// compile time (var _ dialect.Inspector = Dialect{}); callers ask with a type assertion
// and report a dialect without the capability by name.

// Inspector reflects schemas for autogenerate: a live one (Inspect) and a desired one
// built from DDL in a scratch database (Scratcher), with the same code, so both sides
// are normalised alike.
type Inspector interface {
	// Inspect reflects the schema(s) named in opts through q. It only reads.
	Inspect(ctx context.Context, q Querier, opts InspectOptions) (*schema.Schema, error)
	Scratcher
}

// Scratcher normalises desired DDL: it runs it in a scratch database of this dialect
// and reflects the result.
type Scratcher interface {
	// Scratch executes scripts in a scratch database and reflects the result with
	// Inspect. db is where the scratch lives: ignored where the scratch is made from
	// nothing (SQLite in memory); on a server the live database (a throwaway schema in a
	// transaction that is rolled back) or, with opts.DevDatabase, a dev database (scripts
	// run as written, then rolled back). Nothing is ever committed.
	Scratch(ctx context.Context, db TxBeginner, scripts []Script, opts ScratchOptions) (*schema.Schema, error)
	// ScratchNeedsServer reports whether Scratch needs a connection to a server (the live
	// or a dev database) rather than making its scratch database from nothing.
	ScratchNeedsServer() bool
	// ScratchIdentity describes, through q (where Scratch will run), what besides the
	// statements shapes a scratch build: the server's version and settings. current is
	// the schema unqualified names land in. Caches of scratch builds key on it.
	ScratchIdentity(ctx context.Context, q Querier) (identity, current string, err error)
}

// Renderer renders schema operations (autogenerate's plan) as SQL.
type Renderer interface {
	// Render renders ops, in order, as a SQL script. Destructive steps are preceded by a
	// "-- WARNING: ..." line.
	Render(ops []schema.Op) string
	// AltersConstraints reports whether constraints can be added and dropped with ALTER
	// TABLE (false on SQLite, where such changes rebuild the table), so the planner keeps
	// all of a table's changes in one op when it cannot.
	AltersConstraints() bool
}

// Autogenerator is what autogenerate needs: reflection, scratch builds and rendering.
type Autogenerator interface {
	Inspector
	Renderer
}

// AlembicRenderer renders Alembic's op.* calls (package pyop reads them into sa.Op
// values) as SQLAlchemy's DDL compiler prints them for this database: the shared
// renderer (AlembicDDL) with what this database does differently.
type AlembicRenderer interface {
	AlembicRules() AlembicRules
}

// NameRules are the server's rules for names it shortens or chooses itself, which the
// autogenerate cache needs to tell whether a table built alone gets the same names as
// in a build of the whole schema. A dialect without them is never cached per table.
type NameRules interface {
	// MaxIdentifierLength is the longest name the server keeps as written (longer ones
	// are truncated).
	MaxIdentifierLength() int
	// Renumbered reports whether name is a generated name the server numbered to avoid a
	// clash (PostgreSQL: t_pkey1, t_a_key2).
	Renumbered(name string) bool
	// ImplicitNames are the names of objects the server creates for column c of table
	// (PostgreSQL: the t_c_seq sequence of a serial or identity column).
	ImplicitNames(table string, c *schema.Column) []string
}

// ScratchDatabaser makes throwaway databases beside the one a URL names, for replaying
// a history (retort verify) or normalising DDL where a rolled-back transaction cannot
// hold DDL (MySQL).
type ScratchDatabaser interface {
	// ScratchDatabase creates an empty database on the server serverURL names (SQLite:
	// a temporary file) and returns its URL; drop removes it.
	ScratchDatabase(ctx context.Context, serverURL string) (url string, drop func(context.Context) error, err error)
}

// ChangeTracker is a dialect that can follow the schema changes made in a database a run
// owns (a replay's scratch database), so that reflecting it again costs what changed
// rather than what is there.
type ChangeTracker interface {
	// Track prepares db to record its changes and returns a reflector of it; ok is false
	// when db cannot record them (then reflect with Inspector.Inspect).
	Track(ctx context.Context, db *sql.DB, opts InspectOptions) (t TrackedInspector, ok bool, err error)
}

// TrackedInspector reflects a database that records its changes.
type TrackedInspector interface {
	// Inspect returns what Inspector.Inspect would, reflecting again only the objects
	// changed since the last call.
	Inspect(ctx context.Context) (*schema.Schema, error)
	// Forget makes the next Inspect reflect everything (after a failed step, whose
	// partial work may have escaped the record).
	Forget()
}

// PartialCommitter is a dialect whose server commits part of a revision by itself (MySQL
// commits before and after each DDL statement). Committed says how many of a revision's
// statements the server had committed when the one at index failed with err, so the
// failure can name them.
type PartialCommitter interface {
	Committed(stmts []string, failed int, err error) int
}

// WaitBounder is a dialect whose sessions can bound their waits on locks that other
// sessions hold in the database (not the migration lock: a table another session
// locked, a database file another process holds), so that --lock-timeout bounds every
// wait of a run.
type WaitBounder interface {
	// OpenWith is Open with o: every such wait bounded by o.WaitBound (> 0), and
	// connections fit for a transaction pooler when o.Pooled.
	OpenWith(ctx context.Context, u URL, o OpenOptions) (*sql.DB, error)
	// ExplainWait says, when err is such a wait giving up, what was locked and by whom
	// as far as the database can tell (redacted: no query literals); ok is false for
	// any other error. db may be nil when the wait was in connecting.
	ExplainWait(ctx context.Context, db *sql.DB, u URL, err error) (explanation string, ok bool)
}

// OpenOptions are what a run asks of its connections beyond the URL.
type OpenOptions struct {
	// WaitBound bounds waits on locks other sessions hold (<= 0: the dialect's default).
	WaitBound time.Duration
	// Pooled: the URL leads to a transaction pooler (PgBouncer in transaction mode),
	// where consecutive transactions may run on different server sessions: no named
	// prepared statements, no session settings.
	Pooled bool
}

// LeaseLocker is a dialect with a migration lock that holds where session-level locks
// do not (PgBouncer in transaction pooling: each transaction may run on another server
// session, so an advisory lock is taken on one session and "released" on another): a
// lease row in a small table, taken with an expiry and renewed by a heartbeat, each
// statement a transaction of its own.
type LeaseLocker interface {
	// LeaseLock takes the lease named key in table (qualified, created when missing)
	// through db, polling until timeout (<= 0: until ctx is done); release gives it up
	// and reports a lease that was lost (expired and taken) while held.
	LeaseLock(ctx context.Context, db *sql.DB, table, key string, timeout time.Duration) (release func() error, err error)
}
