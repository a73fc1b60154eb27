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
	"time"

	"github.com/retort-dev/retort/config"
	"github.com/retort-dev/retort/graph"
	"github.com/retort-dev/retort/revision"
)

// ScriptTemplate is the file in the script directory that new revisions are rendered from.
const ScriptTemplate = "script.sql.tmpl"

// RevisionOptions are the options of `revision`.
type RevisionOptions struct {
	Global
	Message      string
	Autogenerate bool
	SQL          bool
	Head         string // parent(s), plural resolver; "" means "head", "base" a new root
	Splice       bool   // allow a parent that is not a head
	BranchLabel  string
	VersionPath  string
	RevID        string // "" generates one
	DependsOn    []string
}

// Revision writes a new revision file.
func Revision(ctx context.Context, o RevisionOptions, stdout, stderr io.Writer) error {
	p, err := Load(o.Global)
	if err != nil {
		return err
	}
	env, err := p.Config.RevisionEnvironment()
	if err != nil {
		return err
	}
	switch {
	case o.Autogenerate && o.SQL:
		return errors.New("Using --sql with --autogenerate does not make any sense")
	case o.Autogenerate:
		return errors.New("not implemented yet: --autogenerate arrives with the autogen package")
	case o.SQL && !env:
		return errors.New("Using --sql with the revision command when revision_environment is not configured does not make any sense")
	}
	head := o.Head
	if head == "" {
		head = "head"
	}
	return p.generate(newRevision{
		id: o.RevID, message: o.Message, heads: []string{head}, splice: o.Splice,
		branchLabel: o.BranchLabel, versionPath: o.VersionPath, dependsOn: o.DependsOn,
	}, stdout)
}

// MergeOptions are the options of `merge`.
type MergeOptions struct {
	Global
	Revisions   []string // each resolved with the plural resolver ("heads" is common)
	Message     string
	BranchLabel string
	RevID       string
}

// Merge writes a new revision whose parents are the given revisions.
func Merge(ctx context.Context, o MergeOptions, stdout, stderr io.Writer) error {
	p, err := Load(o.Global)
	if err != nil {
		return err
	}
	return p.generate(newRevision{id: o.RevID, message: o.Message, heads: o.Revisions, branchLabel: o.BranchLabel}, stdout)
}

// newRevision is what `revision` and `merge` ask generate for.
type newRevision struct {
	id, message string
	heads       []string // identifiers of the parents
	splice      bool
	branchLabel string
	versionPath string
	dependsOn   []string
}

// generate writes a revision file following Alembic's ScriptDirectory.generate_revision:
// resolve the parents, choose the version location, check head-ness, resolve depends_on,
// render the project's template, run the post-write hooks and re-read the file.
func (p *Project) generate(r newRevision, stdout io.Writer) error {
	id := r.id
	if id == "" {
		id = revision.NewID()
	} else if err := revision.ValidateID(id); err != nil {
		return err
	}
	parents, err := p.resolveEach(r.heads)
	if mh := (*graph.MultipleHeads)(nil); errors.As(err, &mh) {
		return errors.New("Multiple heads are present; please specify the head revision on which the new revision should be based, or perform a merge.")
	} else if err != nil {
		return err
	}
	if len(parents) != len(uniq(parents)) {
		return errors.New("Duplicate head revisions specified")
	}
	loc, err := p.Config.Timezone()
	if err != nil {
		return err
	}
	created := time.Now().In(loc)

	dir, err := p.chooseVersionPath(r.versionPath, parents)
	if err != nil {
		return err
	}
	if !r.splice {
		for _, h := range parents {
			if !p.Map.Node(h).IsHead() {
				return fmt.Errorf("Revision %s is not a head revision; please specify --splice to create a new branch from this revision", h)
			}
		}
	}
	deps := make([]string, 0, len(r.dependsOn))
	for _, d := range r.dependsOn {
		dep, err := p.Map.Resolve(d)
		if err != nil {
			return graph.ToCommandError(err)
		}
		if slices.Contains(p.Map.Node(dep).Labels, d) {
			dep = d // a branch label stays a label
		}
		deps = append(deps, dep)
	}
	var labels []string
	if r.branchLabel != "" {
		labels = []string{r.branchLabel}
	}
	// Check the new graph before writing so that a rejected revision leaves no file behind.
	if err := p.acceptable(graph.Revision{ID: id, Down: parents, BranchLabels: labels, DependsOn: deps}); err != nil {
		return err
	}

	hooks, err := p.Config.PostWriteHooks()
	if err != nil {
		return err
	}
	tsl, err := p.Config.TruncateSlugLength()
	if err != nil {
		return err
	}
	name, err := revision.FileName(p.Config.FileTemplate(), id, revision.Slug(r.message, tsl), created)
	if err != nil {
		return err
	}
	path := filepath.Join(dir, name+".sql")
	text, err := p.scriptTemplate()
	if err != nil {
		return err
	}
	content, err := revision.Render(text, revision.TemplateData{
		Message: r.message, RevID: id, DownRevisions: parents, BranchLabels: labels, DependsOn: deps,
		CreateDate: revision.CreateDate(created, p.hasTimezone()),
	})
	if err != nil {
		return fmt.Errorf("%s: %w", filepath.Join(p.ScriptDir, ScriptTemplate), err)
	}
	if err := ensureDir(dir, stdout); err != nil {
		return err
	}
	if err := status(stdout, "Generating "+path, func() error { return writeNew(path, content) }); err != nil {
		return err
	}
	if err := config.RunHooks(hooks, path, stdout); err != nil {
		return err
	}
	return p.verifyWritten(path, id, labels)
}

// hasTimezone reports a configured timezone, which makes create dates carry an offset.
func (p *Project) hasTimezone() bool {
	tz, ok := p.Config.Get("timezone")
	return ok && strings.TrimSpace(tz) != ""
}

// chooseVersionPath picks the directory of the new file as Alembic does: --version-path,
// else the only location, else the directory of the first parent's file.
func (p *Project) chooseVersionPath(given string, parents []string) (string, error) {
	path := given
	if path == "" {
		switch {
		case len(p.VersionLocations) == 1:
			path = p.VersionLocations[0]
		case len(parents) > 0:
			path = filepath.Dir(p.File(parents[0]).Path)
		default:
			return "", errors.New("Multiple version locations present, please specify --version-path")
		}
	}
	dir := p.versionLocation(path)
	if dir == "" {
		return "", fmt.Errorf("Path %s is not represented in current version locations", path)
	}
	return dir, nil
}

// ensureDir creates a missing version directory with Alembic's status line.
func ensureDir(dir string, stdout io.Writer) error {
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return status(stdout, "Creating directory "+dir, func() error { return os.MkdirAll(dir, 0o755) })
}

// acceptable reports whether the graph with the new revision appended still loads.
func (p *Project) acceptable(r graph.Revision) error {
	if f, dup := p.ByID[r.ID]; dup {
		return fmt.Errorf("Revision %s is present more than once: %s", r.ID, f.Path)
	}
	revs := make([]graph.Revision, 0, len(p.Files)+1)
	for _, f := range p.Files {
		revs = append(revs, f.Revision)
	}
	_, err := graph.New(append(revs, r))
	if err != nil {
		return fileError(err, p.Files)
	}
	return nil
}

// scriptTemplate returns the project's script.sql.tmpl, or the built-in one when the
// project has none (an Alembic project being taken over).
func (p *Project) scriptTemplate() (string, error) {
	b, err := os.ReadFile(filepath.Join(p.ScriptDir, ScriptTemplate))
	if errors.Is(err, os.ErrNotExist) {
		return revision.DefaultTemplate, nil
	}
	return string(b), err
}

// verifyWritten re-reads the new file, catching a template that drops the header.
func (p *Project) verifyWritten(path, id string, labels []string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	f, err := revision.Parse(path, data)
	if err != nil {
		return err
	}
	if f.ID != id {
		return fmt.Errorf("%s: the file says revision %q, expected %q; check %s", path, f.ID, id, ScriptTemplate)
	}
	if len(labels) > 0 && len(f.BranchLabels) == 0 {
		return fmt.Errorf("Version %s specified branch_labels %s, however the migration file %s does not have them; have you upgraded your %s to include the 'branch_labels' section?", id, labels[0], path, ScriptTemplate)
	}
	return nil
}

// writeNew creates path, refusing to overwrite an existing file.
func writeNew(path string, content []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(content); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func uniq(ids []string) []string {
	seen := make(map[string]bool, len(ids))
	var out []string
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
