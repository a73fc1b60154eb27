package dialect

import (
	"context"
	"database/sql"
	"fmt"
	"path"
	"strings"

	"github.com/retort-dev/retort/schema"
)

// Inspector is what autogenerate needs from a database: reflection and DDL rendering.
type Inspector interface {
	// Inspect reflects the schema(s) named in opts through q. It only reads.
	Inspect(ctx context.Context, q Querier, opts InspectOptions) (*schema.Schema, error)
	// Scratch executes scripts in a scratch database of this dialect and reflects the
	// result with Inspect, so a desired schema is normalised exactly like a live one.
	// db is where the scratch lives: ignored by SQLite (in-memory); on PostgreSQL the live
	// database (a throwaway schema in a transaction that is rolled back) or, with
	// opts.DevDatabase, a dev database (scripts run as written, then rolled back).
	// Nothing is ever committed.
	Scratch(ctx context.Context, db TxBeginner, scripts []Script, opts ScratchOptions) (*schema.Schema, error)
	// ScratchNeedsServer reports whether Scratch needs a connection to a server (the live
	// or a dev database) rather than making its scratch database from nothing.
	ScratchNeedsServer() bool
	// ScratchIdentity describes, through q (where Scratch will run), what besides the
	// statements shapes a scratch build: the server's version and settings. current is
	// the schema unqualified names land in. Caches of scratch builds key on it.
	ScratchIdentity(ctx context.Context, q Querier) (identity, current string, err error)
	// AltersConstraints reports whether constraints can be added and dropped with ALTER
	// TABLE (false on SQLite, where such changes rebuild the table), so the planner keeps
	// all of a table's changes in one op when it cannot.
	AltersConstraints() bool
	// Render renders ops, in order, as a SQL script. Destructive steps are preceded by a
	// "-- WARNING: ..." line.
	Render(ops []schema.Op) string
}

// Querier runs queries: *sql.DB, *sql.Conn and *sql.Tx all are one.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// TxBeginner starts transactions: *sql.DB and *sql.Conn are one.
type TxBeginner interface {
	BeginTx(ctx context.Context, opts *sql.TxOptions) (*sql.Tx, error)
}

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
	return fmt.Sprintf("%s:%d: %v (statement: %s)", e.Script, e.Line, e.Err, abbreviate(e.Statement))
}

func (e *ScriptError) Unwrap() error { return e.Err }

func abbreviate(s string) string {
	const max = 120
	r := []rune(collapseSpace(s))
	if len(r) > max {
		return string(r[:max]) + "..."
	}
	return string(r)
}

// excluded reports whether table name is left out by opts.
func (o InspectOptions) excluded(name string) bool {
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

// filterTables drops excluded tables, and the triggers of excluded tables.
func filterTables(s *schema.Schema, o InspectOptions) {
	kept := s.Tables[:0]
	for _, t := range s.Tables {
		if !o.excluded(t.Name) {
			kept = append(kept, t)
		}
	}
	s.Tables = kept
	objs := s.Unsupported[:0]
	for _, ob := range s.Unsupported {
		if ob.Table == "" || !o.excluded(ob.Table) {
			objs = append(objs, ob)
		}
	}
	s.Unsupported = objs
}

// collapseSpace replaces each run of whitespace with one space and trims the ends.
func collapseSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// script accumulates rendered SQL: statements end with ";" and a newline, ops are
// separated by a blank line.
type script struct{ strings.Builder }

func (b *script) block() {
	if b.Len() > 0 {
		b.WriteString("\n")
	}
}

func (b *script) warn(lines []string) {
	for _, w := range lines {
		b.WriteString("-- WARNING: " + w + "\n")
	}
}

func (b *script) comment(format string, args ...any) {
	b.WriteString("-- " + fmt.Sprintf(format, args...) + "\n")
}

func (b *script) stmt(format string, args ...any) {
	b.WriteString(fmt.Sprintf(format, args...) + ";\n")
}
