package command

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/retort-dev/retort/autogen"
	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/graph"
	"github.com/retort-dev/retort/revision"
	"github.com/retort-dev/retort/runner"
	"github.com/retort-dev/retort/schema"
	"github.com/retort-dev/retort/sqlscript"
	"github.com/retort-dev/retort/versions"
)

// SquashOptions are the options of `squash`.
type SquashOptions struct {
	Global
	Revision string // the last revision the baseline replaces
	// FromURL is a database at Revision whose schema the baseline creates; "" builds
	// one by running the history in a scratch database.
	FromURL string
	// Dir receives the replaced files; "" is "squashed" inside each file's version
	// location.
	Dir string
}

// Squash replaces the revisions from base to o.Revision (it and everything it needs) by
// one .sql baseline that carries o.Revision's id: databases at that revision or later go
// on unchanged, new databases start from the baseline. The baseline creates the schema
// at o.Revision (reflected from o.FromURL, or from a scratch database the history is run
// in) as autogenerate renders it, in foreign-key order; its downgrade drops it all. The
// replaced files are moved, never deleted, and the new graph is checked before anything
// is written. Revisions whose bodies write rows are listed on stderr: a schema does not
// carry rows.
func Squash(ctx context.Context, o SquashOptions, stdout, stderr io.Writer) error {
	p, err := Load(o.Global)
	if err != nil {
		return err
	}
	id, err := p.Map.Resolve(o.Revision)
	if err != nil {
		return graph.ToCommandError(err)
	}
	steps, err := p.Map.Upgrade(nil, id)
	if err != nil {
		return graph.ToCommandError(err)
	}
	replaced := map[string]bool{}
	var files []*revision.File
	var labels []string
	for _, s := range steps {
		replaced[s.Revision] = true
		f := p.File(s.Revision)
		files = append(files, f)
		for _, l := range f.BranchLabels {
			if !slices.Contains(labels, l) {
				labels = append(labels, l)
			}
		}
	}
	base := &revision.File{Revision: graph.Revision{ID: id, BranchLabels: labels}, Format: revision.SQL, Transactional: true}
	if err := p.checkSquash(base, replaced); err != nil {
		return err
	}
	moves, err := p.squashMoves(files, o.Dir)
	if err != nil {
		return err
	}

	d, s, err := p.schemaAt(ctx, id, o.FromURL, stderr)
	if err != nil {
		return err
	}
	ag, err := autogenerator(d)
	if err != nil {
		return err
	}
	res := autogen.Compare(ag, &schema.Schema{}, s)
	for _, f := range files {
		if what := writesRows(f, d); what != "" {
			runner.LogLine(stderr, "WARNING", "retort.squash", fmt.Sprintf("%s: revision %s writes rows (%s); the baseline creates the schema only, so carry such rows over by hand", f.Path, f.ID, what))
		}
	}

	path, content, err := p.revisionText(filepath.Dir(p.File(id).Path), revision.TemplateData{
		Message: "squashed base to " + id, RevID: id, BranchLabels: labels,
		Upgrades: res.Upgrade, Downgrades: res.Downgrade, NonTransactional: !res.Transactional,
	})
	if err != nil {
		return err
	}
	if err := moveAll(moves, stdout); err != nil {
		return err
	}
	if err := status(stdout, "Generating "+path, func() error { return writeNew(path, content) }); err != nil {
		return err
	}
	return nil
}

// checkSquash loads the graph the squash would leave, base in place of the replaced
// revisions, and names the first revision that would lose a parent or dependency.
func (p *Project) checkSquash(base *revision.File, replaced map[string]bool) error {
	files := []*revision.File{base}
	for _, f := range p.Files {
		if replaced[f.ID] {
			continue
		}
		n := p.Map.Node(f.ID)
		for _, ref := range append(slices.Clone(n.Down), n.Dependencies...) {
			if replaced[ref] && ref != base.ID {
				return fmt.Errorf("squash would break the graph: %s (revision %s) needs %s, which the baseline replaces and which is not %s; squash at a revision that every later revision descends from", f.Path, f.ID, ref, base.ID)
			}
		}
		files = append(files, f)
	}
	if _, err := newProject(files); err != nil {
		return fmt.Errorf("squash would break the graph: %w", err)
	}
	return nil
}

// move is one replaced file and where it goes.
type move struct{ from, to string }

// squashMoves says where each replaced file goes: dir, or "squashed" in the file's own
// version location, which must not be scanned for revisions.
func (p *Project) squashMoves(files []*revision.File, dir string) ([]move, error) {
	var out []move
	for _, f := range files {
		to := dir
		if to == "" {
			if p.Config.RecursiveVersionLocations() {
				return nil, errors.New("recursive_version_locations would read the moved files in versions/squashed again: give the folder for them with --dir, outside the version locations")
			}
			to = filepath.Join(filepath.Dir(f.Path), "squashed")
		}
		dest := filepath.Join(to, filepath.Base(f.Path))
		if _, err := os.Stat(dest); err == nil {
			return nil, fmt.Errorf("%s already exists; nothing was moved", dest)
		}
		out = append(out, move{f.Path, dest})
	}
	return out, nil
}

// moveAll moves the files, putting back the ones already moved if one fails.
func moveAll(moves []move, stdout io.Writer) error {
	for i, m := range moves {
		err := os.MkdirAll(filepath.Dir(m.to), 0o755)
		if err == nil {
			err = os.Rename(m.from, m.to)
		}
		if err != nil {
			for _, back := range moves[:i] {
				os.Rename(back.to, back.from)
			}
			return fmt.Errorf("moving %s: %w; the files moved before it were put back", m.from, err)
		}
		fmt.Fprintf(stdout, "Moved %s -> %s\n", m.from, m.to)
	}
	return nil
}

// schemaAt returns the schema at revision id: reflected from fromURL (which must be at
// id), or built by upgrading a scratch database to id.
func (p *Project) schemaAt(ctx context.Context, id, fromURL string, log io.Writer) (dialect.Dialect, *schema.Schema, error) {
	m, err := p.Migrator()
	if err != nil {
		return nil, nil, err
	}
	url := fromURL
	if url == "" {
		var drop func(context.Context) error
		url, drop, err = scratchDatabase(ctx, m.URL)
		if err != nil {
			return nil, nil, fmt.Errorf("create a scratch database: %w", err)
		}
		defer drop(context.WithoutCancel(ctx))
		m.URL, m.Log = url, log
		if err := m.Upgrade(ctx, id); err != nil {
			return nil, nil, fmt.Errorf("building the schema at %s in a scratch database: %w", id, err)
		}
	}
	db, d, err := dialect.Open(ctx, url)
	if err != nil {
		return nil, nil, err
	}
	defer db.Close()
	ag, err := autogenerator(d)
	if err != nil {
		return nil, nil, err
	}
	rows, err := versions.Read(ctx, db, d, m.Table)
	if err != nil {
		return nil, nil, err
	}
	if !slices.Equal(rows, []string{id}) {
		return nil, nil, fmt.Errorf("--from-url: the database is at %v, not at %s", rows, id)
	}
	schemas, err := p.Config.IncludeSchemas()
	if err != nil {
		return nil, nil, err
	}
	s, err := ag.Inspect(ctx, db, dialect.InspectOptions{Schemas: schemas, VersionTable: m.Table.Name})
	return d, s, err
}

// scratchDatabase makes an empty database beside the one url names, where the dialect
// can (see dialect.ScratchDatabaser).
func scratchDatabase(ctx context.Context, url string) (string, func(context.Context) error, error) {
	d, err := dialect.ForURL(url)
	if err != nil {
		return "", nil, err
	}
	sd, ok := d.(dialect.ScratchDatabaser)
	if !ok {
		return "", nil, fmt.Errorf("%s databases have no scratch database to build the schema in: give a database at the revision with --from-url", d.Name())
	}
	return sd.ScratchDatabase(ctx, url)
}

// writesRows says how a revision's upgrade writes rows ("" when it does not): a DML
// statement, or a body that runs in Python (which retort cannot see into).
func writesRows(f *revision.File, d dialect.Dialect) string {
	b, err := loadBody(f, true, d)
	if err != nil {
		return ""
	}
	if b.python != nil {
		return "its body runs in Python and may: " + b.python.What
	}
	stmts := b.stmts
	if b.calls != nil {
		for _, c := range b.calls {
			if c.Op == "execute" {
				if sql, err := revision.ExecuteSQL(c); err == nil {
					stmts = append(stmts, sqlscript.Statement{SQL: sql, Line: c.Line})
				}
			}
		}
	}
	for _, s := range stmts {
		word := strings.ToUpper(strings.Fields(s.SQL + " x")[0])
		switch word {
		case "INSERT", "UPDATE", "DELETE", "MERGE", "COPY", "REPLACE":
			return fmt.Sprintf("line %d: %s", s.Line, excerpt(s.SQL))
		}
	}
	return ""
}

func excerpt(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "..."
	}
	return s
}
