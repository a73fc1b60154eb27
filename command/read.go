package command

import (
	"context"
	"io"
	"strings"

	"github.com/retort-dev/retort/graph"
)

// HeadsOptions are the options of `heads`.
type HeadsOptions struct {
	Global
	Verbose             bool
	ResolveDependencies bool // list only heads nothing depends on
	JSON                bool // print HeadsJSON
}

// Heads prints the head revisions in load order.
func Heads(ctx context.Context, o HeadsOptions, stdout, stderr io.Writer) error {
	p, err := Load(o.Global)
	if err != nil {
		return err
	}
	heads := p.Map.Heads()
	if o.ResolveDependencies {
		heads = p.Map.RealHeads()
	}
	if o.JSON {
		return writeJSON(stdout, HeadsJSON{Heads: p.revisionsJSON(heads, nil)})
	}
	var b strings.Builder
	for _, id := range heads {
		if o.Verbose {
			b.WriteString(p.verbose(id, nil))
		} else {
			b.WriteString(p.short(id, shortOpts{branches: true}, nil))
		}
		b.WriteString("\n")
	}
	_, err = io.WriteString(stdout, b.String())
	return err
}

// BranchesOptions are the options of `branches`.
type BranchesOptions struct {
	Global
	Verbose bool
}

// Branches prints every branch point, newest first, with its children.
func Branches(ctx context.Context, o BranchesOptions, stdout, stderr io.Writer) error {
	p, err := Load(o.Global)
	if err != nil {
		return err
	}
	ids, err := p.Map.History("", nil)
	if err != nil {
		return graph.ToCommandError(err)
	}
	var b strings.Builder
	for _, id := range ids {
		n := p.Map.Node(id)
		if !n.IsBranchPoint() {
			continue
		}
		if o.Verbose {
			b.WriteString(p.verbose(id, nil))
		} else {
			b.WriteString(p.short(id, shortOpts{branches: true, tree: true}, nil))
		}
		b.WriteString("\n")
		indent := strings.Repeat(" ", len(id))
		for i, child := range n.Children {
			if i > 0 {
				b.WriteString("\n")
			}
			b.WriteString(indent + " -> " + p.short(child, shortOpts{branches: true, tree: true, doc: o.Verbose}, nil))
		}
		b.WriteString("\n\n")
	}
	_, err = io.WriteString(stdout, b.String())
	return err
}

// HistoryOptions are the options of `history`.
type HistoryOptions struct {
	Global
	Range           string // "[start]:[end]"; "" for everything
	Verbose         bool
	IndicateCurrent bool // mark the database's current revisions (reads the database)
	JSON            bool // print RevisionsJSON
}

// History prints the revisions of the range, newest first.
func History(ctx context.Context, o HistoryOptions, stdout, stderr io.Writer) error {
	p, err := Load(o.Global)
	if err != nil {
		return err
	}
	var rows []string
	if o.IndicateCurrent || rangeNamesCurrent(o.Range) {
		if rows, err = CurrentRows(ctx, p, stderr); err != nil {
			return err
		}
	}
	ids, err := p.Map.History(strings.TrimSpace(o.Range), rows)
	if err != nil {
		return graph.ToCommandError(err)
	}
	var current map[string]bool
	if o.IndicateCurrent {
		current = make(map[string]bool, len(rows))
		for _, r := range rows {
			current[r] = true
		}
	}
	if o.JSON {
		return writeJSON(stdout, RevisionsJSON{Revisions: p.revisionsJSON(ids, current)})
	}
	var b strings.Builder
	for _, id := range ids {
		if o.Verbose {
			b.WriteString(p.verbose(id, current))
		} else {
			b.WriteString(p.short(id, shortOpts{parents: true, branches: true, tree: true, doc: true}, current))
		}
		b.WriteString("\n")
	}
	_, err = io.WriteString(stdout, b.String())
	return err
}

func rangeNamesCurrent(rng string) bool {
	start, end, ok := strings.Cut(strings.TrimSpace(rng), ":")
	return ok && (start == "current" || end == "current")
}

// ShowOptions are the options of `show`.
type ShowOptions struct {
	Global
	Revision string // any identifier the plural resolver accepts, or "current"
	JSON     bool   // print RevisionsJSON
}

// Show prints the verbose block of each revision the identifier designates.
func Show(ctx context.Context, o ShowOptions, stdout, stderr io.Writer) error {
	p, ids, err := loadRevisions(ctx, o.Global, o.Revision, stderr)
	if err != nil {
		return err
	}
	if o.JSON {
		return writeJSON(stdout, RevisionsJSON{Revisions: p.revisionsJSON(ids, nil)})
	}
	var b strings.Builder
	for _, id := range ids {
		b.WriteString(p.verbose(id, nil))
		b.WriteString("\n")
	}
	_, err = io.WriteString(stdout, b.String())
	return err
}

// loadRevisions loads the project and resolves rev with the plural resolver; "current"
// stands for the database's version rows.
func loadRevisions(ctx context.Context, g Global, rev string, log io.Writer) (*Project, []string, error) {
	p, err := Load(g)
	if err != nil {
		return nil, nil, err
	}
	if rev == "current" {
		rows, err := CurrentRows(ctx, p, log)
		if err != nil {
			return nil, nil, err
		}
		ids, err := p.resolveEach(rows)
		return p, ids, err
	}
	ids, err := p.Map.ResolveMany(rev)
	if err != nil {
		return nil, nil, graph.ToCommandError(err)
	}
	return p, ids, nil
}

// resolveEach resolves several identifiers with the plural resolver, concatenating the
// results as Alembic's get_revisions does for a tuple.
func (p *Project) resolveEach(revs []string) ([]string, error) {
	var ids []string
	for _, r := range revs {
		got, err := p.Map.ResolveMany(r)
		if err != nil {
			return nil, graph.ToCommandError(err)
		}
		ids = append(ids, got...)
	}
	return ids, nil
}
