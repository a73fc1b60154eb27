package command

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/retort-dev/retort/autogen"
	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/internal/proc"
	"github.com/retort-dev/retort/runner"
)

// ErrNotUpToDate is Alembic's refusal to autogenerate against a database whose version
// rows are not the script heads: the diff would repeat the pending revisions.
var ErrNotUpToDate = errors.New("Target database is not up to date.")

// AutogenerateOptions tune PlanAutogenerate.
type AutogenerateOptions struct {
	// FromScripts builds the current schema by replaying the revisions' upgrade SQL
	// (base to heads) in a scratch database instead of reading the live database, which
	// is then neither read nor checked for being up to date.
	FromScripts bool
	// Log receives Alembic-style log lines (context lines, each detected operation,
	// warnings); nil discards them.
	Log io.Writer
}

// PlanAutogenerate compares the project's desired schema (target_metadata or
// target_metadata_cmd) with the database (or, with o.FromScripts, with the schema the
// revisions build) and returns the plan. The live database is only read: unlike Alembic,
// a missing version table is not created.
func (p *Project) PlanAutogenerate(ctx context.Context, o AutogenerateOptions) (*autogen.Result, error) {
	lg := func(level, msg string) { runner.LogLine(o.Log, level, "alembic.autogenerate.compare", msg) }
	p.logDatabase(o.Log)
	desired, err := p.DesiredSchema(ctx)
	if err != nil {
		return nil, err
	}
	opts, err := p.inspectOptions()
	if err != nil {
		return nil, err
	}
	url, err := p.Config.URL()
	if err != nil {
		return nil, err
	}
	var res *autogen.Result
	if o.FromScripts {
		res, err = p.planFromScripts(ctx, url, desired, opts)
	} else {
		res, err = p.planLive(ctx, url, desired, opts, o.Log)
	}
	if err != nil {
		return nil, err
	}
	for _, l := range res.Lines {
		lg("INFO", "Detected "+l)
	}
	for _, w := range res.Warnings {
		lg("WARNING", "Destructive: "+w)
	}
	for _, u := range res.Unsupported {
		lg("WARNING", u)
	}
	return res, nil
}

// planLive reads the live database at url, which must be at the script heads.
func (p *Project) planLive(ctx context.Context, url string, desired []dialect.Script, opts autogen.Options, log io.Writer) (*autogen.Result, error) {
	db, d, err := dialect.Open(ctx, url)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	m, err := p.Migrator()
	if err != nil {
		return nil, err
	}
	m.DB, m.Log = db, log
	rows, err := m.Rows(ctx)
	if err != nil {
		return nil, err
	}
	if err := p.Map.CheckRows(rows); err != nil {
		return nil, err
	}
	if !sameSet(rows, p.Map.Heads()) {
		return nil, ErrNotUpToDate
	}
	ag, err := autogenerator(d)
	if err != nil {
		return nil, err
	}
	closeDev, err := p.openDev(ctx, d, &opts)
	if err != nil {
		return nil, err
	}
	defer closeDev()
	return autogen.Plan(ctx, ag, db, desired, opts)
}

// autogenerator is d's autogenerate capability, or an error naming the database.
func autogenerator(d dialect.Dialect) (dialect.Autogenerator, error) {
	ag, ok := d.(dialect.Autogenerator)
	if !ok {
		return nil, fmt.Errorf("autogenerate is not supported for %s databases", d.Name())
	}
	return ag, nil
}

// planFromScripts replays the revisions into a scratch database. PostgreSQL needs a
// server for it: dev_url when set, else the configured database, where the scratch is a
// throwaway schema in a transaction that is rolled back. SQLite needs no server.
func (p *Project) planFromScripts(ctx context.Context, url string, desired []dialect.Script, opts autogen.Options) (*autogen.Result, error) {
	d, err := dialect.ForURL(url)
	if err != nil {
		return nil, err
	}
	ag, err := autogenerator(d)
	if err != nil {
		return nil, err
	}
	current, err := p.upgradeScripts(ctx, d)
	if err != nil {
		return nil, err
	}
	closeDev, err := p.openDev(ctx, d, &opts)
	if err != nil {
		return nil, err
	}
	defer closeDev()
	var host autogen.DB
	if opts.DevDB == nil && ag.ScratchNeedsServer() {
		db, _, err := dialect.Open(ctx, url)
		if err != nil {
			return nil, err
		}
		defer db.Close()
		host = db
	}
	return autogen.PlanFromScripts(ctx, ag, host, current, desired, opts)
}

// upgradeScripts returns every revision's upgrade statements in upgrade order, base to
// heads, each placed at its file and line.
func (p *Project) upgradeScripts(ctx context.Context, d dialect.Dialect) ([]dialect.Script, error) {
	steps, err := p.Map.Upgrade(nil, "heads")
	if err != nil {
		return nil, err
	}
	var scripts []dialect.Script
	for _, s := range steps {
		f := p.File(s.Revision)
		b, err := loadBody(f, true, d)
		if err != nil {
			return nil, err
		}
		stmts, err := b.statements(ctx, d, nil)
		if err != nil {
			return nil, err
		}
		for _, st := range stmts {
			scripts = append(scripts, dialect.Script{Name: f.Path, SQL: st.SQL, FirstLine: st.Line})
		}
	}
	return scripts, nil
}

// openDev opens dev_url, when set, as opts.DevDB; the returned function closes it.
func (p *Project) openDev(ctx context.Context, d dialect.Dialect, opts *autogen.Options) (func(), error) {
	devURL, err := p.Config.DevURL()
	if err != nil || devURL == "" {
		return func() {}, err
	}
	dev, dd, err := dialect.Open(ctx, devURL)
	if err != nil {
		return nil, fmt.Errorf("dev_url: %w", err)
	}
	if dd.Name() != d.Name() {
		dev.Close()
		return nil, fmt.Errorf("dev_url is a %s database but sqlalchemy.url is %s: they must be the same kind", dd.Name(), d.Name())
	}
	opts.DevDB = dev
	return func() { dev.Close() }, nil
}

// inspectOptions reads include_schemas, exclude_tables and version_table.
func (p *Project) inspectOptions() (autogen.Options, error) {
	c := p.Config
	schemas, err := c.IncludeSchemas()
	if err != nil {
		return autogen.Options{}, err
	}
	exclude, err := c.ExcludeTables()
	if err != nil {
		return autogen.Options{}, err
	}
	vt, err := c.VersionTable()
	if err != nil {
		return autogen.Options{}, err
	}
	cache, err := p.schemaCacheDir()
	if err != nil {
		return autogen.Options{}, err
	}
	return autogen.Options{Inspect: dialect.InspectOptions{Schemas: schemas, Exclude: exclude, VersionTable: vt}, CacheDir: cache}, nil
}

// schemaCacheDir is where autogenerate caches the desired schema's tables:
// $RETORT_CACHE_DIR, else the user's cache directory; "" (no cache) when the ini says
// autogenerate_cache = false or there is no cache directory.
func (p *Project) schemaCacheDir() (string, error) {
	if on, err := p.Config.AutogenerateCache(); err != nil || !on {
		return "", err
	}
	if dir := os.Getenv("RETORT_CACHE_DIR"); dir != "" {
		return dir, nil
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", nil // no cache directory: plan without the cache
	}
	return filepath.Join(dir, "retort", "schema"), nil
}

// DesiredSchema returns the desired schema's DDL: the .sql file target_metadata names, or
// the .sql files of the folder it names (sorted by name), or the output of
// target_metadata_cmd. A relative target_metadata is relative to the ini's directory, and
// target_metadata_cmd runs there (through sh -c), so both work from any directory. The
// command learns the database's dialect ("sqlite", "postgresql") from %(dialect)s in its
// value and $RETORT_DIALECT. DDL plainly written for another database (SERIAL against
// SQLite, say) is refused, naming the statement.
func (p *Project) DesiredSchema(ctx context.Context) ([]dialect.Script, error) {
	c := p.Config
	url, err := c.URL()
	if err != nil {
		return nil, err
	}
	d, err := dialect.ForURL(url)
	if err != nil {
		return nil, err
	}
	path, pathErr := c.TargetMetadata()
	cmd, cmdErr := c.TargetMetadataCmd(d.Name())
	var scripts []dialect.Script
	switch {
	case pathErr != nil:
		return nil, pathErr
	case cmdErr != nil:
		return nil, cmdErr
	case path != "" && cmd != "":
		return nil, fmt.Errorf("%s: set only one of target_metadata and target_metadata_cmd", c.Path)
	case path != "":
		scripts, err = readTargetMetadata(c.Here, path)
	case cmd != "":
		timeout, terr := c.CommandTimeout()
		if terr != nil {
			return nil, terr
		}
		scripts, err = runTargetMetadataCmd(ctx, c.Here, cmd, d.Name(), timeout)
	default:
		return nil, fmt.Errorf("%s: autogenerate needs the desired schema: set target_metadata (a .sql file or folder) or target_metadata_cmd (a command printing DDL) in [%s]", c.Path, c.Section)
	}
	if err != nil {
		return nil, err
	}
	if err := dialect.CheckDesiredDDL(d, scripts); err != nil {
		return nil, err
	}
	return scripts, nil
}

// readTargetMetadata reads a .sql file, or every .sql file of a folder in name order.
// Script names are the paths as configured, so errors read like the ini.
func readTargetMetadata(here, configured string) ([]dialect.Script, error) {
	abs := configured
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(here, abs)
	}
	fi, err := os.Stat(abs)
	if err != nil {
		return nil, fmt.Errorf("target_metadata: %w", err)
	}
	names := []string{""}
	if fi.IsDir() {
		entries, err := os.ReadDir(abs)
		if err != nil {
			return nil, fmt.Errorf("target_metadata: %w", err)
		}
		names = names[:0]
		for _, e := range entries {
			if !e.IsDir() && strings.HasSuffix(e.Name(), ".sql") {
				names = append(names, e.Name())
			}
		}
		sort.Strings(names)
		if len(names) == 0 {
			return nil, fmt.Errorf("target_metadata: %s holds no .sql file", configured)
		}
	}
	scripts := make([]dialect.Script, 0, len(names))
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join(abs, n))
		if err != nil {
			return nil, fmt.Errorf("target_metadata: %w", err)
		}
		scripts = append(scripts, dialect.Script{Name: filepath.Join(configured, n), SQL: string(data), FirstLine: 1})
	}
	return scripts, nil
}

// runTargetMetadataCmd runs cmd with sh -c in dir, in its own process group bounded by
// timeout, with RETORT_DIALECT set to the dialect's name; its stdout is the DDL. A
// failure, a timeout or an empty output is one line carrying the last lines the command
// wrote on stderr.
func runTargetMetadataCmd(ctx context.Context, dir, cmd, dialectName string, timeout time.Duration) ([]dialect.Script, error) {
	var stdout bytes.Buffer
	label := fmt.Sprintf("target_metadata_cmd %q", cmd)
	p, err := proc.Start(ctx, proc.Cmd{
		Label: label, Path: "sh", Args: []string{"-c", cmd}, Dir: dir, Stdout: &stdout, Timeout: timeout,
		Env: append(os.Environ(), "RETORT_DIALECT="+dialectName),
	})
	if err != nil {
		return nil, err
	}
	if err := p.Wait(); err != nil {
		return nil, err
	}
	if strings.TrimSpace(stdout.String()) == "" {
		return nil, fmt.Errorf("%s: printed no DDL%s", label, proc.StderrSuffix(p.StderrTail()))
	}
	return []dialect.Script{{Name: "target_metadata_cmd", SQL: stdout.String(), FirstLine: 1}}, nil
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(slices.Compact(a), slices.Compact(b))
}
