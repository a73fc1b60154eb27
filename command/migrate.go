package command

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"time"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/graph"
	"github.com/retort-dev/retort/pybridge"
	"github.com/retort-dev/retort/revision"
	"github.com/retort-dev/retort/runner"
	"github.com/retort-dev/retort/sqlscript"
	"github.com/retort-dev/retort/versions"
)

// Migrator applies a project's revisions to one database: the commands upgrade,
// downgrade, stamp, current and ensure_version, for the CLI and for Go programs alike.
//
//	p, err := command.LoadFS(migrations, "versions") // an embed.FS
//	m := &command.Migrator{Project: p, DB: db}        // or URL: "sqlite:///app.db"
//	err = m.Upgrade(ctx, "head")
type Migrator struct {
	Project *Project
	// URL is a SQLAlchemy URL; alternatively DB is an open go-sqlite3 or pgx database,
	// which the Migrator uses but does not close.
	URL string
	DB  *sql.DB
	// Table is the version table (version_table, version_table_schema).
	Table versions.Table
	// TransactionPerMigration commits each revision on its own on PostgreSQL instead of
	// running the whole command in one transaction.
	TransactionPerMigration bool
	// LockTimeout bounds the wait for another migration's lock; 0 waits until ctx ends.
	LockTimeout time.Duration
	// LeaseLock takes the migration lock as a lease row (migration_lock = lease), which
	// holds behind PgBouncer's transaction pooling where session locks do not.
	LeaseLock bool
	// Log receives Alembic's log lines ("INFO  [alembic.runtime.migration] ..."); nil
	// discards them.
	Log io.Writer
	// SQL, when set, turns on offline mode (--sql): Upgrade, Downgrade, Stamp and
	// EnsureVersion write the SQL they would run there and never connect.
	SQL io.Writer
	// Python is the interpreter with Alembic that runs the .py bodies retort cannot run
	// natively ("" = python3 on PATH); SysPath is prepended to its sys.path, as
	// Alembic's prepend_sys_path. See package pybridge.
	Python  string
	SysPath []string
	// Progress, when set, is told as each revision starts to run: revision k of the n
	// whose bodies the plan runs (stamps have none).
	Progress func(k, n int)

	dialect dialect.Dialect // DB's dialect when known (detected from the driver otherwise)
}

// LoadFS loads the revision files of one directory of fsys (an embed.FS, say) as a
// project for a Migrator; no alembic.ini is involved.
func LoadFS(fsys fs.FS, dir string) (*Project, error) {
	files, err := revision.ScanFS(fsys, dir)
	if err != nil {
		return nil, err
	}
	return newProject(files)
}

// Migrator returns a Migrator for the project's configured database: the URL from
// -x url=, $DATABASE_URL or sqlalchemy.url, and the ini keys version_table,
// version_table_schema and transaction_per_migration.
func (p *Project) Migrator() (*Migrator, error) {
	c := p.Config
	if c == nil {
		return nil, errors.New("command: the project has no alembic.ini (LoadFS): build the Migrator with its URL or DB")
	}
	url, err := c.URL()
	if err != nil {
		return nil, err
	}
	if err := p.someVersionLocation(); err != nil {
		return nil, err
	}
	name, err := c.VersionTable()
	if err != nil {
		return nil, err
	}
	schema, err := c.VersionTableSchema()
	if err != nil {
		return nil, err
	}
	perMig, err := c.TransactionPerMigration()
	if err != nil {
		return nil, err
	}
	python, err := c.Python()
	if err != nil {
		return nil, err
	}
	lease, err := c.LeaseLock()
	if err != nil {
		return nil, err
	}
	return &Migrator{Project: p, URL: url, Table: versions.Table{Name: name, Schema: schema},
		TransactionPerMigration: perMig, Python: python, SysPath: c.PrependSysPath(), LeaseLock: lease}, nil
}

func (m *Migrator) options() runner.Options {
	return runner.Options{URL: m.URL, DB: m.DB, Dialect: m.dialect, Table: m.Table,
		TransactionPerMigration: m.TransactionPerMigration, LockTimeout: m.LockTimeout, LeaseLock: m.LeaseLock, Log: m.Log,
		Python: m.startBridge}
}

// startBridge starts the project's Python for the revisions that need it. Its error says
// which ini key names the interpreter.
func (m *Migrator) startBridge(ctx context.Context) (runner.Bridge, error) {
	if m.URL == "" && m.SQL == nil {
		return nil, errors.New("the Migrator has no URL for the project's Python to connect with")
	}
	b, err := pybridge.Start(ctx, pybridge.Config{Python: m.Python, SysPath: m.SysPath, URL: m.URL, Log: m.Log})
	if err != nil {
		where := "the Migrator's Python field"
		if c := m.Project.Config; c != nil {
			where = fmt.Sprintf("the key python in section [%s] of %s", c.Section, c.Path)
		}
		return nil, fmt.Errorf("%w; set %s to the project's interpreter", err, where)
	}
	v := b.Versions
	runner.LogLine(m.Log, "INFO", "retort.python", fmt.Sprintf("Python %s with Alembic %s (SQLAlchemy %s) runs the revisions that need Python", v.Python, v.Alembic, v.SQLAlchemy))
	return b, nil
}

// Upgrade migrates up to target (any identifier: head, heads, +2, ae10+1, lib@head,
// a prefix...). Offline, target may be "start:end".
func (m *Migrator) Upgrade(ctx context.Context, target string) error {
	start, plan, err := m.planner(true, target)
	if err != nil {
		return err
	}
	return m.migrate(ctx, start, false, plan)
}

// Downgrade migrates down to target (base, -1, ae10, lib@-1...). Offline, target must be
// "start:end".
func (m *Migrator) Downgrade(ctx context.Context, target string) error {
	start, plan, err := m.planner(false, target)
	if err != nil {
		return err
	}
	return m.migrate(ctx, start, false, plan)
}

// planner returns the offline start and the step plan of an upgrade (up) or downgrade
// to target.
func (m *Migrator) planner(up bool, target string) (start string, plan func(rows []string) ([]graph.Step, error), err error) {
	if up {
		start, end, err := upgradeArgs(target, m.SQL != nil)
		return start, func(rows []string) ([]graph.Step, error) {
			return m.Project.Map.Upgrade(rows, end)
		}, err
	}
	start, end, err := downgradeArgs(target, m.SQL != nil)
	return start, func(rows []string) ([]graph.Step, error) {
		for _, w := range m.Project.Map.DowngradeWarnings(rows, end) {
			m.warn(w)
		}
		return m.Project.Map.Downgrade(rows, end)
	}, err
}

// Stamp rewrites the version table as if migrated to targets, running no revision;
// purge first deletes every row. Offline, each target may be "start:end" with one start.
func (m *Migrator) Stamp(ctx context.Context, targets []string, purge bool) error {
	start, dests, err := stampArgs(targets, purge, m.SQL != nil)
	if err != nil {
		return err
	}
	return m.migrate(ctx, start, purge, func(rows []string) ([]graph.Step, error) {
		return m.Project.Map.Stamp(rows, dests)
	})
}

// upgradeArgs splits an upgrade target into the offline start and the target; a range
// is only for offline mode.
func upgradeArgs(target string, offline bool) (start, end string, err error) {
	start, end, isRange := strings.Cut(target, ":")
	switch {
	case !isRange:
		return "", target, nil
	case !offline:
		return "", "", errors.New("Range revision not allowed")
	}
	return start, end, nil
}

// downgradeArgs is upgradeArgs for downgrade, where offline mode needs the range.
func downgradeArgs(target string, offline bool) (start, end string, err error) {
	if offline && !strings.Contains(target, ":") {
		return "", "", errors.New("downgrade with --sql requires <fromrev>:<torev>")
	}
	return upgradeArgs(target, offline)
}

// stampArgs splits offline "start:end" targets into their one start and the targets.
func stampArgs(targets []string, purge, offline bool) (start string, dests []string, err error) {
	if !offline {
		return "", targets, nil
	}
	dests = make([]string, len(targets))
	seen := false
	for i, t := range targets {
		s, d, isRange := strings.Cut(t, ":")
		dests[i] = t
		if !isRange {
			continue
		}
		dests[i] = d
		if seen && s != start {
			return "", nil, errors.New("Stamp operation with --sql only supports a single starting revision at a time")
		}
		start, seen = s, true
	}
	if purge {
		return "", nil, errors.New("Can't use --purge with --sql mode")
	}
	return start, dests, nil
}

// EnsureVersion creates the version table when it is missing (offline: prints its CREATE).
func (m *Migrator) EnsureVersion(ctx context.Context) error {
	if m.SQL != nil {
		opts := m.options()
		opts.CreateTable = true
		return m.offline(ctx, opts, nil, nil)
	}
	return runner.Run(ctx, m.options(), func([]string) ([]runner.Migration, error) { return nil, nil })
}

// Rows returns the version table's rows in storage order; a missing table has none and
// is not created (Alembic's `current`).
func (m *Migrator) Rows(ctx context.Context) ([]string, error) {
	return runner.Current(ctx, m.options())
}

// Current returns what `current` prints: the branch tips of the rows and all their
// ancestors. A row naming no revision is an error.
func (m *Migrator) Current(ctx context.Context) ([]string, error) {
	_, ids, err := m.current(ctx)
	return ids, err
}

// current returns the version rows and what `current` prints for them.
func (m *Migrator) current(ctx context.Context) (rows, ids []string, err error) {
	if rows, err = m.Rows(ctx); err != nil {
		return nil, nil, err
	}
	if err := m.Project.Map.CheckRows(rows); err != nil {
		return nil, nil, err
	}
	return rows, m.Project.Map.Current(rows), nil
}

// EnsureRows returns the version table's rows, creating the table when no rows are read,
// as every Alembic command but `current` does (history -i, show current, edit current).
func (m *Migrator) EnsureRows(ctx context.Context) ([]string, error) {
	var rows []string
	err := runner.Run(ctx, m.options(), func(r []string) ([]runner.Migration, error) {
		rows = r
		return nil, nil
	})
	return rows, err
}

// migrate runs (or, offline, prints) the steps plan computes from the version rows.
// start is the offline starting revision.
func (m *Migrator) migrate(ctx context.Context, start string, purge bool, plan func(rows []string) ([]graph.Step, error)) error {
	toMigrations := func(rows []string) ([]runner.Migration, error) {
		steps, err := plan(rows)
		if err != nil {
			return nil, err
		}
		return m.migrations(rows, steps)
	}
	if m.SQL == nil {
		opts := m.options()
		opts.Purge = purge
		return runner.Run(ctx, opts, toMigrations)
	}
	rows, err := m.Project.Map.OfflineStart(start)
	if err != nil {
		return err
	}
	migs, err := toMigrations(rows)
	if err != nil {
		return err
	}
	return m.offline(ctx, m.options(), rows, migs)
}

func (m *Migrator) offline(ctx context.Context, opts runner.Options, rows []string, migs []runner.Migration) error {
	if opts.Dialect == nil && m.DB != nil {
		d, err := dialect.ForDB(m.DB)
		if err != nil {
			return err
		}
		opts.Dialect = d
	}
	return runner.Offline(ctx, m.SQL, opts, rows, migs)
}

// migrations turns steps into runner migrations: each step's row changes from the rows
// the steps before it leave, and its body read from the revision file ahead of its turn.
func (m *Migrator) migrations(rows []string, steps []graph.Step) ([]runner.Migration, error) {
	d, err := m.knownDialect()
	if err != nil {
		return nil, err
	}
	migs := make([]runner.Migration, len(steps))
	var bodies []func() (body, error)
	var withBody []int // indexes of migs that run a body
	var funcs []string
	for i, s := range steps {
		ops, after, err := m.Project.Map.Apply(rows, s)
		if err != nil {
			return nil, graph.ToCommandError(err)
		}
		rows = after
		migs[i] = runner.Migration{Step: s, Ops: ops, Transactional: true}
		if s.Stamp {
			continue
		}
		f := m.Project.File(s.Revision)
		up := s.Up
		migs[i].Doc, migs[i].Path, migs[i].Transactional = f.Message, f.Path, f.Transactional
		bodies = append(bodies, func() (body, error) { return loadBody(f, up, d) })
		withBody = append(withBody, i)
		funcs = append(funcs, map[bool]string{true: "upgrade", false: "downgrade"}[up])
	}
	// Every body is read and checked before the first statement runs (a broken file
	// late in the plan stops the command before it changes anything, and which steps
	// need Python is known before the first one runs); the files are read on a few
	// goroutines.
	for k, load := range prefetch(bodies) {
		b, err := load()
		if err != nil {
			return nil, err
		}
		mig := &migs[withBody[k]]
		if b.python != nil {
			// Statements stays for callers that only replay SQL (verify): it reports why
			// the body needs Python.
			mig.Python = &runner.PythonStep{Path: mig.Path, Func: funcs[k], Why: b.python}
		}
		if b.autocommit {
			mig.Transactional = false
		}
		mig.Statements = func(ctx context.Context, d dialect.Dialect, q dialect.Querier) ([]sqlscript.Statement, error) {
			if m.Progress != nil {
				m.Progress(k+1, len(bodies))
			}
			return b.statements(ctx, d, q)
		}
	}
	return migs, nil
}

// knownDialect returns the database's dialect without connecting; nil when the Migrator
// has no database (verify plans replays with one).
func (m *Migrator) knownDialect() (dialect.Dialect, error) {
	switch {
	case m.dialect != nil:
		return m.dialect, nil
	case m.DB != nil:
		return dialect.ForDB(m.DB)
	case m.URL == "":
		return nil, nil
	}
	return dialect.ForURL(m.URL)
}

// warn logs a warning line in Alembic's format.
func (m *Migrator) warn(msg string) {
	runner.LogLine(m.Log, "WARNING", runner.MigrationLogger, msg)
}
