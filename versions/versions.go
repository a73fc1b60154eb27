// Package versions maintains the alembic_version table: its DDL, reading its rows, and
// applying the row changes (graph.VersionOp) of each step, rendered exactly as Alembic
// renders them, online and in offline --sql output alike.
package versions

import (
	"context"
	"fmt"
	"strings"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/graph"
)

// Table names the version table; the zero value is Alembic's default.
type Table struct {
	Name   string // default "alembic_version"
	Schema string // version_table_schema; "" = the default schema
	NoPK   bool   // version_table_pk = False: no primary key constraint
}

// DefaultName is Alembic's version table name.
const DefaultName = "alembic_version"

func (t Table) name() string {
	if t.Name == "" {
		return DefaultName
	}
	return t.Name
}

// Qualified is the table's name as statements spell it (schema.table, quoted as needed).
// It is also the key of the migration lock.
func (t Table) Qualified(rt dialect.Dialect) string {
	if t.Schema == "" {
		return rt.QuoteIdent(t.name())
	}
	return rt.QuoteIdent(t.Schema) + "." + rt.QuoteIdent(t.name())
}

// CreateSQL is the CREATE TABLE statement as SQLAlchemy renders it for Alembic,
// including the trailing space after the column's comma.
func CreateSQL(rt dialect.Dialect, t Table) string {
	var b strings.Builder
	b.WriteString("CREATE TABLE " + t.Qualified(rt) + " (\n\tversion_num VARCHAR(32) NOT NULL")
	if !t.NoPK {
		b.WriteString(", \n\tCONSTRAINT " + rt.QuoteIdent(t.name()+"_pkc") + " PRIMARY KEY (version_num)")
	}
	b.WriteString("\n)")
	return b.String()
}

// SelectSQL reads the rows in storage order (no ORDER BY, as Alembic).
func SelectSQL(rt dialect.Dialect, t Table) string {
	return "SELECT " + t.Qualified(rt) + ".version_num FROM " + t.Qualified(rt)
}

// OpSQL renders one row change with literal values, as Alembic prints it.
func OpSQL(rt dialect.Dialect, t Table, op graph.VersionOp) string {
	q := t.Qualified(rt)
	switch op.Kind {
	case graph.Insert:
		return "INSERT INTO " + q + " (version_num) VALUES (" + dialect.Literal(op.To) + ")"
	case graph.Update:
		return "UPDATE " + q + " SET version_num=" + dialect.Literal(op.To) + " WHERE " + q + ".version_num = " + dialect.Literal(op.From)
	case graph.Delete:
		return "DELETE FROM " + q + " WHERE " + q + ".version_num = " + dialect.Literal(op.From)
	}
	panic(fmt.Sprintf("versions: unknown op kind %d", op.Kind))
}

// Ensure creates the table unless it exists; created reports whether it did.
func Ensure(ctx context.Context, q dialect.Querier, rt dialect.Dialect, t Table) (created bool, err error) {
	ok, err := rt.HasTable(ctx, q, t.Schema, t.name())
	if err != nil || ok {
		return false, err
	}
	if _, err := q.ExecContext(ctx, CreateSQL(rt, t)); err != nil {
		return false, fmt.Errorf("versions: create %s: %w", t.Qualified(rt), err)
	}
	return true, nil
}

// Read returns the rows in storage order; a missing table has no rows.
func Read(ctx context.Context, q dialect.Querier, rt dialect.Dialect, t Table) ([]string, error) {
	ok, err := rt.HasTable(ctx, q, t.Schema, t.name())
	if err != nil || !ok {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, SelectSQL(rt, t))
	if err != nil {
		return nil, fmt.Errorf("versions: read %s: %w", t.Qualified(rt), err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, fmt.Errorf("versions: read %s: %w", t.Qualified(rt), err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("versions: read %s: %w", t.Qualified(rt), err)
	}
	return out, nil
}

// Purge deletes every row (stamp --purge).
func Purge(ctx context.Context, q dialect.Querier, rt dialect.Dialect, t Table) error {
	if _, err := q.ExecContext(ctx, "DELETE FROM "+t.Qualified(rt)); err != nil {
		return fmt.Errorf("versions: purge %s: %w", t.Qualified(rt), err)
	}
	return nil
}

// RowCountError is an UPDATE or DELETE that did not hit exactly one row, which means
// the table does not hold what the plan was computed from.
type RowCountError struct {
	Op    graph.VersionOp
	Table string
	Found int64
}

func (e *RowCountError) Error() string {
	if e.Op.Kind == graph.Update {
		return fmt.Sprintf("Online migration expected to match one row when updating '%s' to '%s' in '%s'; %d found",
			e.Op.From, e.Op.To, e.Table, e.Found)
	}
	return fmt.Sprintf("Online migration expected to match one row when deleting '%s' in '%s'; %d found",
		e.Op.From, e.Table, e.Found)
}

// Exec applies one row change; an UPDATE or DELETE must hit exactly one row.
func Exec(ctx context.Context, q dialect.Querier, rt dialect.Dialect, t Table, op graph.VersionOp) error {
	res, err := q.ExecContext(ctx, OpSQL(rt, t, op))
	if err != nil {
		return fmt.Errorf("versions: %s: %w", OpSQL(rt, t, op), err)
	}
	if op.Kind == graph.Insert {
		return nil
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("versions: %s: %w", OpSQL(rt, t, op), err)
	}
	if n != 1 {
		return &RowCountError{Op: op, Table: t.name(), Found: n}
	}
	return nil
}

// Simulate returns rows after op, as the table would hold them; offline mode tracks
// the rows with it to know when the table starts or ends empty.
func Simulate(rows []string, op graph.VersionOp) []string {
	out := make([]string, 0, len(rows)+1)
	for _, r := range rows {
		if (op.Kind == graph.Update || op.Kind == graph.Delete) && r == op.From {
			if op.Kind == graph.Update {
				out = append(out, op.To)
			}
			continue
		}
		out = append(out, r)
	}
	if op.Kind == graph.Insert {
		out = append(out, op.To)
	}
	return out
}
