package command

// The CLI verbs over Migrator (migrate.go): options structs, the database connection
// from the configuration, and what each verb prints.

import (
	"context"
	"database/sql"
	"io"
	"strings"
	"time"

	"github.com/retort-dev/retort/config"
	"github.com/retort-dev/retort/dialect"
)

// UpgradeOptions are the options of `upgrade`.
type UpgradeOptions struct {
	Global
	Revision    string // target, or "start:end" with SQL
	SQL         bool
	LockTimeout time.Duration
	// DryRun prints the plan from the database's version rows and changes nothing.
	DryRun bool
	// JSON prints the plan as one JSON document (PlanJSON); it needs SQL or DryRun.
	JSON bool
}

// Upgrade migrates the database up to the target.
func Upgrade(ctx context.Context, o UpgradeOptions, stdout, stderr io.Writer) error {
	return migrateCommand(ctx, "upgrade", o, stdout, stderr)
}

// DowngradeOptions are the options of `downgrade`.
type DowngradeOptions UpgradeOptions

// Downgrade migrates the database down to the target.
func Downgrade(ctx context.Context, o DowngradeOptions, stdout, stderr io.Writer) error {
	return migrateCommand(ctx, "downgrade", UpgradeOptions(o), stdout, stderr)
}

// StampOptions are the options of `stamp`.
type StampOptions struct {
	Global
	Revisions   []string
	SQL         bool
	Purge       bool
	LockTimeout time.Duration
}

// Stamp rewrites the version table without running revisions.
func Stamp(ctx context.Context, o StampOptions, stdout, stderr io.Writer) error {
	m, done, err := cliMigrator(ctx, o.Global, o.SQL, o.LockTimeout, stdout, stderr, func() error {
		_, _, err := stampArgs(o.Revisions, o.Purge, o.SQL)
		return err
	})
	if err != nil {
		return err
	}
	defer done()
	return m.Stamp(ctx, o.Revisions, o.Purge)
}

// EnsureVersionOptions are the options of `ensure_version`.
type EnsureVersionOptions struct {
	Global
	SQL         bool
	LockTimeout time.Duration
}

// EnsureVersion creates the version table when it is missing.
func EnsureVersion(ctx context.Context, o EnsureVersionOptions, stdout, stderr io.Writer) error {
	m, done, err := cliMigrator(ctx, o.Global, o.SQL, o.LockTimeout, stdout, stderr, nil)
	if err != nil {
		return err
	}
	defer done()
	return m.EnsureVersion(ctx)
}

// CurrentOptions are the options of `current`.
type CurrentOptions struct {
	Global
	Verbose bool
	JSON    bool // print CurrentJSON
	// LockTimeout bounds a wait on the version table while another session holds it
	// locked (0: wait, as Alembic does).
	LockTimeout time.Duration
}

// Current prints the database's current revisions; it never creates the version table.
func Current(ctx context.Context, o CurrentOptions, stdout, stderr io.Writer) error {
	m, done, err := cliMigrator(ctx, o.Global, false, o.LockTimeout, stdout, stderr, nil)
	if err != nil {
		return err
	}
	defer done()
	rows, ids, err := m.current(ctx)
	if err != nil {
		return err
	}
	if o.JSON {
		return writeJSON(stdout, CurrentJSON{Database: dialect.Redact(m.URL), Rows: list(rows), Current: m.Project.revisionsJSON(ids, nil)})
	}
	var b strings.Builder
	if o.Verbose {
		b.WriteString("Current revision(s) for " + dialect.Redact(m.URL) + ":\n")
	}
	for _, id := range ids {
		if o.Verbose {
			b.WriteString(m.Project.verbose(id, nil))
		} else {
			b.WriteString(m.Project.short(id, shortOpts{tree: true}, nil))
		}
		b.WriteString("\n")
	}
	_, err = io.WriteString(stdout, b.String())
	return err
}

// CurrentRows returns the rows of the project's version table for history -i, show
// current and edit current, creating the table when it is missing as Alembic does; log
// receives Alembic's log lines.
func CurrentRows(ctx context.Context, p *Project, log io.Writer) ([]string, error) {
	m, err := p.Migrator()
	if err != nil {
		return nil, err
	}
	p.logDatabase(log)
	m.Log = log
	return m.EnsureRows(ctx)
}

// cliMigrator loads the project the options designate and its Migrator, logging to
// stderr and, with sql, writing the SQL to stdout. Online, it connects while the revision
// files are read (the two take about as long at 1,000 revisions); done closes the
// connection. checkArgs (may be nil) runs after loading and before a connection error
// counts, which is Alembic's order of errors.
func cliMigrator(ctx context.Context, g Global, sql bool, lockTimeout time.Duration, stdout, stderr io.Writer, checkArgs func() error) (m *Migrator, done func(), err error) {
	cfg, err := LoadConfig(g)
	if err != nil {
		return nil, nil, err
	}
	var opened chan openResult
	if url, ok := serverURL(cfg); ok && !sql {
		opened = make(chan openResult, 1)
		lease, _ := cfg.LeaseLock() // a bad value is reported by Migrator
		go func() {
			db, d, err := dialect.OpenWith(ctx, url, dialect.OpenOptions{WaitBound: lockTimeout, Pooled: lease})
			opened <- openResult{db, d, err}
		}()
	}
	// On an earlier error, the connection is closed when it arrives: no waiting for an
	// unreachable server before reporting a broken project.
	closeOpened := func() {
		if opened != nil {
			go func() {
				if o := <-opened; o.db != nil {
					o.db.Close()
				}
			}()
		}
	}
	p, err := LoadFrom(cfg)
	if err == nil && checkArgs != nil {
		err = checkArgs()
	}
	if err == nil {
		m, err = p.Migrator()
	}
	if err != nil {
		closeOpened()
		return nil, nil, err
	}
	p.logDatabase(stderr)
	m.LockTimeout, m.Log = lockTimeout, stderr
	if sql {
		m.SQL = stdout
	}
	done = func() {}
	if opened != nil {
		o := <-opened
		if o.err != nil {
			return nil, nil, o.err
		}
		m.DB, m.dialect = o.db, o.d
		done = func() { o.db.Close() }
	}
	return m, done, nil
}

// serverURL returns the configured URL when it names a database server, the kind of
// connection worth opening early. (A file database is cheap to open, and opening it would
// create the file even when the command then fails.)
func serverURL(cfg *config.Config) (string, bool) {
	url, err := cfg.URL()
	if err != nil {
		return "", false
	}
	u, err := dialect.ParseURL(url)
	return url, err == nil && u.Host != ""
}

// openResult is a connection opened in the background.
type openResult struct {
	db  *sql.DB
	d   dialect.Dialect
	err error
}
