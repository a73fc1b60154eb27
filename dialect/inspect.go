package dialect

import (
	"fmt"
	"path"
	"strings"

	"github.com/retort-dev/retort/schema"
)

// InspectOptions chooses what reflection covers.
type InspectOptions struct {
	// Schemas are the PostgreSQL schemas to reflect (include_schemas); empty means the
	// current schema. Tables of the current schema are reported with Schema "". SQLite
	// ignores it.
	Schemas []string
	// Exclude are table name patterns (path.Match syntax, e.g. "tmp_*") left out.
	Exclude []string
	// VersionTable is always left out; "" means alembic_version.
	VersionTable string
}

// ScratchOptions are InspectOptions plus where the scratch lives.
type ScratchOptions struct {
	InspectOptions
	// DevDatabase means db passed to Scratch is a dedicated dev database (dev_url): the
	// scripts run as written, schema-qualified names included.
	DevDatabase bool
}

// Script is SQL text to run in a scratch database; Name (a file or "target_metadata")
// and FirstLine place errors.
type Script struct {
	Name      string
	SQL       string
	FirstLine int
}

// ScriptError is a statement of a Script that failed in the scratch database.
type ScriptError struct {
	Script    string
	Line      int
	Statement string
	Err       error
}

func (e *ScriptError) Error() string {
	return fmt.Sprintf("%s:%d: %v (statement: %s)", e.Script, e.Line, e.Err, Excerpt(e.Statement, 120))
}

func (e *ScriptError) Unwrap() error { return e.Err }

// Excerpt is the start of a statement on one line: whitespace runs collapsed, cut
// after n characters with "...".
func Excerpt(s string, n int) string {
	r := []rune(CollapseSpace(s))
	if len(r) > n {
		return string(r[:n]) + "..."
	}
	return string(r)
}

// Excluded reports whether table name is left out by opts.
func (o InspectOptions) Excluded(name string) bool {
	vt := o.VersionTable
	if vt == "" {
		vt = "alembic_version"
	}
	if name == vt {
		return true
	}
	for _, p := range o.Exclude {
		if ok, _ := path.Match(p, name); ok {
			return true
		}
	}
	return false
}

// FilterTables drops Excluded tables, and the triggers of Excluded tables.
func FilterTables(s *schema.Schema, o InspectOptions) {
	kept := s.Tables[:0]
	for _, t := range s.Tables {
		if !o.Excluded(t.Name) {
			kept = append(kept, t)
		}
	}
	s.Tables = kept
	objs := s.Unsupported[:0]
	for _, ob := range s.Unsupported {
		if ob.Table == "" || !o.Excluded(ob.Table) {
			objs = append(objs, ob)
		}
	}
	s.Unsupported = objs
}

// CollapseSpace replaces each run of whitespace with one space and trims the ends.
func CollapseSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// SQLScript accumulates rendered SQL: statements end with ";" and a newline, ops are
// separated by a blank line.
type SQLScript struct{ strings.Builder }

// Block starts an op: a blank line unless it is the first.
func (b *SQLScript) Block() {
	if b.Len() > 0 {
		b.WriteString("\n")
	}
}

// Warn writes "-- WARNING: " lines.
func (b *SQLScript) Warn(lines []string) {
	for _, w := range lines {
		b.WriteString("-- WARNING: " + w + "\n")
	}
}

// Comment writes a "-- " line.
func (b *SQLScript) Comment(format string, args ...any) {
	b.WriteString("-- " + fmt.Sprintf(format, args...) + "\n")
}

// Stmt writes a statement and its ";".
func (b *SQLScript) Stmt(format string, args ...any) {
	b.WriteString(fmt.Sprintf(format, args...) + ";\n")
}
