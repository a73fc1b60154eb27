// Package runner executes a migration plan against a database: it takes the migration
// lock for the whole command, reads alembic_version, asks the caller for the plan,
// and runs each revision's statements and version-row changes in the transactions
// Alembic would use, logging Alembic's lines. Offline renders the same plan as SQL.
package runner

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/graph"
	"github.com/retort-dev/retort/sqlscript"
	"github.com/retort-dev/retort/versions"
)

// Migration is one step of a plan: a revision's body (or a stamp) and its row changes.
type Migration struct {
	Step graph.Step
	// Doc is the revision's message, shown in "Running upgrade a -> b, <Doc>".
	Doc string
	// Path is the revision file, named in statement errors.
	Path string
	// Transactional is false for "-- transactional: false" revisions, which run
	// outside a transaction.
	Transactional bool
	// Statements loads the body to run (upgrade or downgrade section); nil for none.
	// It is called only when the step runs, with the database and the connection or
	// transaction the step runs on (q is nil in offline mode), so a body rendered from
	// Alembic op calls can reflect the table it changes.
	Statements func(ctx context.Context, d dialect.Dialect, q dialect.Querier) ([]sqlscript.Statement, error)
	// Ops are the step's alembic_version changes, from graph.Map.Apply.
	Ops []graph.VersionOp
	// Python, when set, runs the body in the project's Python instead of Statements,
	// with the row changes, through Options.Python.
	Python *PythonStep
}

// PlanFunc computes the plan from the version rows read under the lock, so a run that
// waited for another one plans from what that one left.
type PlanFunc func(rows []string) ([]Migration, error)

// Options says where and how to run.
type Options struct {
	// URL is a SQLAlchemy URL. Alternatively DB is an open database (not closed by the
	// runner) and Dialect its dialect (detected from the driver when nil).
	URL     string
	DB      *sql.DB
	Dialect dialect.Dialect

	Table versions.Table
	// TransactionPerMigration commits each revision on its own on databases with
	// transactional DDL (PostgreSQL), instead of one transaction for the command.
	TransactionPerMigration bool
	// LockTimeout bounds the wait for another run's lock; <= 0 waits until ctx ends.
	LockTimeout time.Duration
	// LeaseLock takes the migration lock as a lease row in <version table>_lock
	// (dialect.LeaseLocker) instead of the dialect's session lock: for PgBouncer in
	// transaction pooling.
	LeaseLock bool
	// Purge deletes every version row before planning (stamp --purge).
	Purge bool
	// CreateTable makes Offline emit the CREATE TABLE even without steps
	// (ensure_version --sql).
	CreateTable bool
	// Log receives Alembic's log lines; nil discards them.
	Log io.Writer
	// Python starts the bridge for plans with Python steps; nil when there is none.
	Python StartBridge
}

// StatementError is a revision statement that failed; its transaction was rolled back.
type StatementError struct {
	Path string
	Line int
	SQL  string
	Err  error
	// Partial is set where the server commits part of a revision by itself
	// (dialect.PartialCommitter): what of the failing revision stayed.
	Partial *Partial
}

func (e *StatementError) Error() string {
	msg := fmt.Sprintf("%s:%d: statement %q failed: %v", e.Path, e.Line, dialect.Excerpt(e.SQL, 80), e.Err)
	msg = strings.Join(strings.Fields(msg), " ")
	if e.Partial != nil {
		msg += "; " + e.Partial.String()
	}
	return msg
}

// Partial is what a failing revision left behind on a server that commits DDL
// implicitly: its first statements, committed, while its version-row change was not made.
type Partial struct {
	Revision  string
	Committed []sqlscript.Statement
	Rows      []string // the version rows the step started from, still in the table
}

// String names the committed statements by number and first line, and the version rows.
func (p *Partial) String() string {
	var b strings.Builder
	switch n := len(p.Committed); n {
	case 0:
		fmt.Fprintf(&b, "the server had committed none of revision %s", p.Revision)
	case 1:
		fmt.Fprintf(&b, "the server had already committed statement 1 of revision %s (DDL commits implicitly): ", p.Revision)
	default:
		fmt.Fprintf(&b, "the server had already committed statements 1-%d of revision %s (DDL commits implicitly): ", n, p.Revision)
	}
	for i, s := range p.Committed {
		if i > 0 {
			b.WriteString(", ")
		}
		first, _, _ := strings.Cut(strings.TrimSpace(s.SQL), "\n")
		fmt.Fprintf(&b, "%d %q", i+1, dialect.Excerpt(first, 80))
	}
	if len(p.Rows) == 0 {
		b.WriteString("; alembic_version has no row for it")
	} else {
		b.WriteString("; alembic_version still names " + strings.Join(p.Rows, ", "))
	}
	return b.String()
}

func (e *StatementError) Unwrap() error { return e.Err }

// Current returns the version rows in storage order without creating the table and
// without taking the lock (`current`), after the "Context impl" log lines.
func Current(ctx context.Context, opts Options) ([]string, error) {
	db, rt, done, err := connect(ctx, opts)
	if err != nil {
		return nil, err
	}
	defer done()
	logger{opts.Log}.contextLines(rt, opts.TransactionPerMigration, false)
	rows, err := versions.Read(ctx, db, rt, opts.Table)
	return rows, explainWait(ctx, rt, db, opts, err)
}

// Run executes the plan under the migration lock. The version table is created when no
// rows are read (as Alembic does for upgrade, downgrade, stamp and ensure_version), so
// Run with a plan returning nothing is ensure_version.
func Run(ctx context.Context, opts Options, plan PlanFunc) (err error) {
	db, rt, done, err := connect(ctx, opts)
	if err != nil {
		return err
	}
	defer done()
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("runner: %w", err)
	}
	defer conn.Close()
	// --lock-timeout also bounds waits on locks other sessions hold in the database (see
	// connect), and a wait that gives up says what was locked and by whom.
	defer func() { err = explainWait(ctx, rt, db, opts, err) }()

	lg := logger{opts.Log}
	lg.contextLines(rt, opts.TransactionPerMigration, false)
	plan = remember(plan)
	// "Nothing to do" is the common case of a deploy: decide it from a plain read, without
	// the lock and its round trips. An empty plan for rows that were committed when read is
	// what a run under the lock would have found at that moment; anything else (and an
	// empty or missing table, which Alembic creates) is decided again under the lock.
	if !opts.Purge {
		rows, err := versions.Read(ctx, conn, rt, opts.Table)
		if err != nil {
			return err
		}
		if len(rows) > 0 {
			if migs, err := plan(rows); err == nil && len(migs) == 0 {
				return nil
			}
		}
	}
	release, err := lock(ctx, db, conn, rt, opts)
	if err != nil {
		return fmt.Errorf("runner: %w", err)
	}
	r := &run{ctx: ctx, sctx: rt.StatementContext(ctx), conn: conn, rt: rt, opts: opts, lg: lg,
		policy: rt.TxPolicy(opts.TransactionPerMigration, false)}
	err = r.execute(plan)
	if err != nil {
		r.rollback()
	}
	if rerr := release(); rerr != nil && err == nil {
		err = fmt.Errorf("runner: release lock: %w", rerr)
	}
	return err
}

// openOptions asks of the connections what the run needs: waits bounded by
// --lock-timeout, and with the lease lock (a pooler in front), pooler-safe connections.
func (opts Options) openOptions() dialect.OpenOptions {
	return dialect.OpenOptions{WaitBound: opts.LockTimeout, Pooled: opts.LeaseLock}
}

// lock takes the migration lock for the whole run: the dialect's own, or a lease.
func lock(ctx context.Context, db *sql.DB, conn *sql.Conn, rt dialect.Dialect, opts Options) (func() error, error) {
	key := opts.Table.Qualified(rt)
	if !opts.LeaseLock {
		return rt.Lock(ctx, conn, key, opts.LockTimeout)
	}
	ll, ok := rt.(dialect.LeaseLocker)
	if !ok {
		return nil, fmt.Errorf("migration_lock = lease: the %s dialect has no lease lock", rt.Name())
	}
	lease := versions.Table{Name: opts.Table.Name + "_lock", Schema: opts.Table.Schema}
	return ll.LeaseLock(ctx, db, lease.Qualified(rt), key, opts.LockTimeout)
}

// remember wraps plan so that asking again for the same rows returns the first answer
// (the plan made before the lock is reused when the rows did not change meanwhile).
func remember(plan PlanFunc) PlanFunc {
	var (
		asked     bool
		lastRows  []string
		lastMigs  []Migration
		lastError error
	)
	return func(rows []string) ([]Migration, error) {
		if !asked || !slices.Equal(rows, lastRows) {
			asked, lastRows = true, slices.Clone(rows)
			lastMigs, lastError = plan(rows)
		}
		return lastMigs, lastError
	}
}

// connect opens opts.URL or adopts opts.DB; done closes what connect opened.
func connect(ctx context.Context, opts Options) (*sql.DB, dialect.Dialect, func(), error) {
	if opts.DB != nil {
		rt := opts.Dialect
		if rt == nil {
			d, err := dialect.ForDB(opts.DB)
			if err != nil {
				return nil, nil, nil, err
			}
			rt = d
		}
		return opts.DB, rt, func() {}, nil
	}
	if opts.URL == "" {
		return nil, nil, nil, errors.New("runner: no database URL given")
	}
	db, d, err := dialect.OpenWith(ctx, opts.URL, opts.openOptions())
	if err != nil {
		return nil, nil, nil, err
	}
	return db, d, func() { db.Close() }, nil
}

// explainWait adds to err, when it is a wait on another session's lock that gave up,
// what was locked and by whom.
func explainWait(ctx context.Context, rt dialect.Dialect, db *sql.DB, opts Options, err error) error {
	wb, ok := rt.(dialect.WaitBounder)
	if err == nil || !ok {
		return err
	}
	u, _ := dialect.ParseURL(opts.URL)
	if why, ok := wb.ExplainWait(ctx, db, u, err); ok {
		return fmt.Errorf("%w; %s", err, dialect.GaveUp(opts.LockTimeout, why))
	}
	return err
}

// run is one command's execution state: the connection and the open transaction.
type run struct {
	ctx  context.Context
	sctx context.Context // for statements: see dialect.Dialect.StatementContext
	conn *sql.Conn
	rt   dialect.Dialect
	opts Options
	lg   logger
	// policy groups the run into transactions (see dialect.TxPolicy).
	policy dialect.TxPolicy
	tx     dialect.Tx
	bridge Bridge // for Python steps; nil when the plan has none
	// kept counts the revisions completed in the open transaction (salvage policy).
	kept int
}

// whole reports whether the command's work stays in one transaction until the end.
func (r *run) whole() bool {
	return r.policy == dialect.TxPerCommand || r.policy == dialect.TxSavepointPerRevision
}

// salvage reports whether a failing revision is rolled back to its savepoint and the
// revisions before it are kept.
func (r *run) salvage() bool { return r.policy == dialect.TxSavepointPerRevision }

// q is where statements go: the open transaction, else the bare connection (autocommit).
func (r *run) q() dialect.Querier {
	if r.tx != nil {
		return r.tx
	}
	return r.conn
}

func (r *run) begin() error {
	if r.tx != nil || r.policy == dialect.TxAutocommit {
		return nil
	}
	var tx dialect.Tx
	var err error
	if rb, ok := r.rt.(dialect.RevisionBeginner); ok {
		tx, err = rb.BeginRevision(r.ctx, r.conn)
	} else {
		tx, err = r.conn.BeginTx(r.ctx, nil)
	}
	if err != nil {
		return fmt.Errorf("runner: begin: %w", err)
	}
	r.tx = tx
	return nil
}

func (r *run) commit() error {
	if r.tx == nil {
		return nil
	}
	tx := r.tx
	r.tx, r.kept = nil, 0
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("runner: commit: %w", err)
	}
	return nil
}

func (r *run) rollback() {
	if r.tx != nil {
		r.tx.Rollback()
		r.tx, r.kept = nil, 0
	}
}

// inTx runs fn in the command's transaction, or in one of its own committed at the end.
func (r *run) inTx(fn func() error) error {
	if err := r.begin(); err != nil {
		return err
	}
	if err := fn(); err != nil {
		return err
	}
	if r.whole() {
		return nil
	}
	return r.commit()
}

func (r *run) execute(plan PlanFunc) error {
	t := r.opts.Table
	var rows []string
	err := r.inTx(func() error {
		if r.opts.Purge {
			if _, err := versions.Ensure(r.ctx, r.q(), r.rt, t); err != nil {
				return err
			}
			return versions.Purge(r.ctx, r.q(), r.rt, t)
		}
		var err error
		if rows, err = versions.Read(r.ctx, r.q(), r.rt, t); err != nil || len(rows) > 0 {
			return err
		}
		_, err = versions.Ensure(r.ctx, r.q(), r.rt, t)
		return err
	})
	if err != nil {
		return err
	}
	migs, err := plan(rows)
	if err != nil {
		return err
	}
	if r.bridge, err = startBridge(r.ctx, r.opts.Python, migs); err != nil {
		return err
	}
	if r.bridge != nil {
		defer r.bridge.Close()
	}
	for _, m := range migs {
		if err := r.migrate(m); err != nil {
			return err
		}
	}
	return r.commit()
}

// migrate runs one step: its statements and row changes in one transaction, or for a
// non-transactional revision, the statements in autocommit after committing what is
// pending, and the row changes in a transaction after them.
func (r *run) migrate(m Migration) error {
	r.lg.info("Running " + describe(m, true))
	if m.Python != nil {
		return r.python(m)
	}
	var stmts []sqlscript.Statement
	if m.Statements != nil {
		var err error
		if stmts, err = m.Statements(r.ctx, r.rt, r.q()); err != nil {
			return r.keepEarlier(withPath(m.Path, err))
		}
	}
	if !m.Transactional && len(stmts) > 0 {
		if err := r.commit(); err != nil {
			return err
		}
		r.lg.warn(fmt.Sprintf("Revision %s is transactional: false; running its statements outside a transaction.", m.Step.Revision))
		if err := r.statements(m, stmts); err != nil {
			return err
		}
		stmts = nil
	}
	return r.inTx(func() error {
		if !r.salvage() {
			return r.body(m, stmts)
		}
		if _, err := r.q().ExecContext(r.sctx, "SAVEPOINT retort_revision"); err != nil {
			return fmt.Errorf("runner: savepoint: %w", err)
		}
		if err := r.body(m, stmts); err != nil {
			if _, rerr := r.q().ExecContext(r.sctx, "ROLLBACK TO SAVEPOINT retort_revision"); rerr != nil {
				return err
			}
			return r.keepEarlier(err)
		}
		if _, err := r.q().ExecContext(r.sctx, "RELEASE SAVEPOINT retort_revision"); err != nil {
			return err
		}
		r.kept++
		return nil
	})
}

// keepEarlier returns err, the failure of a revision that changed nothing, after
// committing the revisions before it where each revision stands alone (salvage). With
// none before it in the transaction, the transaction is rolled back: the database is
// left exactly as it was, not even a version table created or a file rewritten.
func (r *run) keepEarlier(err error) error {
	if !r.salvage() {
		return err
	}
	if r.kept == 0 {
		r.rollback()
		return err
	}
	if cerr := r.commit(); cerr != nil {
		return errors.Join(err, cerr)
	}
	return err
}

// body runs a step's statements and then its version-row changes.
func (r *run) body(m Migration, stmts []sqlscript.Statement) error {
	if err := r.statements(m, stmts); err != nil {
		return err
	}
	for _, op := range m.Ops {
		if err := versions.Exec(r.sctx, r.q(), r.rt, r.opts.Table, op); err != nil {
			if p := r.partial(m, stmts, len(stmts), err); p != nil && len(p.Committed) > 0 {
				return fmt.Errorf("%w; %s", err, p)
			}
			return err
		}
	}
	return nil
}

// partial is what of m's statements the server had committed by itself when the one at
// index failed (index len(stmts): the version-row change after them) with err; nil
// unless the dialect commits part of a revision (dialect.PartialCommitter) and the
// revision runs in a transaction.
func (r *run) partial(m Migration, stmts []sqlscript.Statement, failed int, err error) *Partial {
	pc, ok := r.rt.(dialect.PartialCommitter)
	if !ok || r.tx == nil {
		return nil
	}
	texts := make([]string, len(stmts))
	for i, s := range stmts {
		texts[i] = s.SQL
	}
	return &Partial{Revision: m.Step.Revision, Rows: m.Step.From, Committed: stmts[:pc.Committed(texts, failed, err)]}
}

func (r *run) statements(m Migration, stmts []sqlscript.Statement) error {
	for i, s := range stmts {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		if _, err := r.q().ExecContext(r.sctx, s.SQL); err != nil {
			return &StatementError{Path: m.Path, Line: s.Line, SQL: s.SQL, Err: err, Partial: r.partial(m, stmts, i, err)}
		}
	}
	return nil
}

// withPath names the file in a lexer error ("line N: unterminated ...").
func withPath(path string, err error) error {
	var se *sqlscript.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("%s: %w", path, err)
	}
	return err
}

// describe is Alembic's step text: "upgrade a -> b, doc" (withDoc) or its short form
// "upgrade a -> b". An empty side leaves nothing ("upgrade  -> a").
func describe(m Migration, withDoc bool) string {
	verb := "downgrade"
	switch {
	case m.Step.Stamp:
		verb = "stamp_revision"
	case m.Step.Up:
		verb = "upgrade"
	}
	s := fmt.Sprintf("%s %s -> %s", verb, strings.Join(m.Step.From, ", "), strings.Join(m.Step.To, ", "))
	if withDoc && m.Doc != "" && !m.Step.Stamp {
		s += ", " + m.Doc
	}
	return s
}

// LogLine writes one log line as Alembic's logging configuration formats it
// ("%(levelname)-5.5s [%(name)s] %(message)s"), e.g. "INFO  [alembic.runtime.migration] ...";
// a nil w discards it.
func LogLine(w io.Writer, level, name, msg string) {
	if w != nil {
		fmt.Fprintf(w, "%-5.5s [%s] %s\n", level, name, msg)
	}
}

// MigrationLogger is the logger name of migration progress lines.
const MigrationLogger = "alembic.runtime.migration"

// logger writes migration progress lines.
type logger struct{ w io.Writer }

func (l logger) line(level, msg string) { LogLine(l.w, level, MigrationLogger, msg) }

func (l logger) info(msg string) { l.line("INFO", msg) }
func (l logger) warn(msg string) { l.line("WARNING", msg) }

// contextLines are Alembic's first lines. "Will assume transactional DDL." says the run's
// DDL can be rolled back: the database's DDL is transactional and the run's policy holds
// it in a transaction. (Alembic goes by its transactional_ddl flag alone, false for SQLite;
// retort runs SQLite in a transaction, so it says so, and says otherwise for --sql, which
// prints no BEGIN there.)
func (l logger) contextLines(rt dialect.Dialect, perMigration, offline bool) {
	l.info("Context impl " + rt.ImplName() + ".")
	if offline {
		l.info("Generating static SQL")
	}
	if rt.TransactionalDDL() && rt.TxPolicy(perMigration, offline) != dialect.TxAutocommit {
		l.info("Will assume transactional DDL.")
	} else {
		l.info("Will assume non-transactional DDL.")
	}
}
