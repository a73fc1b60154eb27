package command

import (
	"strings"

	"github.com/retort-dev/retort/revision"
)

// shortOpts selects the parts of Alembic's one-line revision form.
type shortOpts struct {
	parents  bool // "<parents> -> " prefix
	branches bool // " (label, ...)"
	tree     bool // " (branchpoint)", " (mergepoint)"
	doc      bool // ", <doc>"
}

// short renders one revision as Alembic's Script._head_only does. current marks the
// version-table rows (history -i).
func (p *Project) short(id string, o shortOpts, current map[string]bool) string {
	n, f := p.Map.Node(id), p.File(id)
	var b strings.Builder
	if o.parents {
		b.WriteString(formatDown(n.Down))
		if len(f.DependsOn) > 0 {
			b.WriteString(" (" + strings.Join(f.DependsOn, ", ") + ")")
		}
		b.WriteString(" -> ")
	}
	b.WriteString(id)
	if o.branches && len(n.Labels) > 0 {
		b.WriteString(" (" + strings.Join(n.Labels, ", ") + ")")
	}
	switch {
	case n.IsRealHead():
		b.WriteString(" (head)")
	case n.IsHead():
		b.WriteString(" (effective head)")
	}
	if current[id] {
		b.WriteString(" (current)")
	}
	if o.tree {
		b.WriteString(treeFlags(n.IsBranchPoint(), n.IsMergePoint()))
	}
	if o.doc {
		b.WriteString(", " + f.Message)
	}
	return b.String()
}

// verbose renders Alembic's Script.log_entry block (history -v, heads -v, show, ...);
// callers print it followed by a newline, which leaves the empty line closing the block.
func (p *Project) verbose(id string, current map[string]bool) string {
	n, f := p.Map.Node(id), p.File(id)
	var b strings.Builder
	b.WriteString("Rev: " + id)
	if n.IsHead() {
		b.WriteString(" (head)")
	}
	b.WriteString(treeFlags(n.IsBranchPoint(), n.IsMergePoint()))
	if current[id] {
		b.WriteString(" (current)")
	}
	b.WriteString("\n")
	if n.IsMergePoint() {
		b.WriteString("Merges: " + formatDown(n.Down) + "\n")
	} else {
		b.WriteString("Parent: " + formatDown(n.Down) + "\n")
	}
	if len(f.DependsOn) > 0 {
		b.WriteString("Also depends on: " + strings.Join(f.DependsOn, ", ") + "\n")
	}
	if n.IsBranchPoint() {
		b.WriteString("Branches into: " + strings.Join(n.Children, ", ") + "\n")
	}
	if len(n.Labels) > 0 {
		b.WriteString("Branch names: " + strings.Join(n.Labels, ", ") + "\n")
	}
	b.WriteString("Path: " + f.Path + "\n\n")
	if doc := longDoc(f); doc != "" {
		for _, line := range strings.Split(doc, "\n") {
			b.WriteString("    " + line + "\n")
		}
	} else {
		b.WriteString("\n")
	}
	return b.String()
}

func treeFlags(branchPoint, mergePoint bool) string {
	s := ""
	if branchPoint {
		s += " (branchpoint)"
	}
	if mergePoint {
		s += " (mergepoint)"
	}
	return s
}

func formatDown(down []string) string {
	if len(down) == 0 {
		return "<base>"
	}
	return strings.Join(down, ", ")
}

// longDoc is the text the verbose block indents. Alembic prints the module docstring, which
// its template fills with the message and "Revision ID/Revises/Create Date" lines; a .sql
// header holds the same facts as keys, so they are shown in the same shape.
func longDoc(f *revision.File) string {
	if f.Format != revision.SQL {
		return f.Doc
	}
	doc := f.Doc
	if doc != "" {
		doc += "\n\n"
	}
	doc += "Revision ID: " + f.ID + "\nRevises: " + strings.Join(f.Down, ", ")
	if f.CreateDate != "" {
		doc += "\nCreate Date: " + f.CreateDate
	}
	return doc
}
