// Command autogenschema prints the wide PostgreSQL schema bench/autogen.sh times
// autogenerate on, as DDL (-format sql) or as a SQLAlchemy models module (-format py)
// defining the same tables: n tables, each with a serial primary key, a unique and a check
// constraint, an enum column, an index, a comment and (but the first) a foreign key. The
// foreign keys form a binary tree (t0007 references t0003), not a chain: SQLAlchemy
// follows foreign keys recursively when it reflects, and a 1,000-deep chain exceeds
// Python's recursion limit. With -change, table t0500 gets one column more: the desired
// schema of the benchmark.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
)

func main() {
	n := flag.Int("n", 1000, "number of tables")
	change := flag.Bool("change", false, "add column extra to t0500 (needs n > 500)")
	format := flag.String("format", "sql", "sql (DDL) or py (SQLAlchemy models module)")
	flag.Parse()
	if *change && *n <= 500 {
		fmt.Fprintln(os.Stderr, "autogenschema: -change needs -n above 500")
		os.Exit(2)
	}
	render, ok := map[string]func(tables []table) string{"sql": renderSQL, "py": renderPy}[*format]
	if !ok {
		fmt.Fprintf(os.Stderr, "autogenschema: unknown -format %q\n", *format)
		os.Exit(2)
	}
	tables := make([]table, *n)
	for i := range tables {
		tables[i] = table{index: i, parent: (i - 1) / 2, extra: *change && i == 500}
	}
	fmt.Print(render(tables))
}

// table is one generated table; the first has no foreign key.
type table struct {
	index, parent int
	extra         bool // has column extra TEXT
}

func (t table) name() string { return fmt.Sprintf("t%04d", t.index) }

func renderSQL(tables []table) string {
	var b strings.Builder
	b.WriteString("CREATE TYPE status AS ENUM ('new', 'active', 'closed');\n")
	for _, t := range tables {
		fmt.Fprintf(&b, "CREATE TABLE %s (\n    id SERIAL PRIMARY KEY,\n", t.name())
		b.WriteString("    code VARCHAR(20) NOT NULL UNIQUE,\n    qty INTEGER CHECK (qty >= 0),\n    st status NOT NULL DEFAULT 'new',\n    parent_id INTEGER")
		if t.index > 0 {
			fmt.Fprintf(&b, " REFERENCES t%04d (id) ON DELETE CASCADE", t.parent)
		}
		if t.extra {
			b.WriteString(",\n    extra TEXT")
		}
		fmt.Fprintf(&b, "\n);\nCREATE INDEX ix_%s_parent ON %s (parent_id);\nCOMMENT ON TABLE %s IS 'table %d';\n", t.name(), t.name(), t.name(), t.index)
	}
	return b.String()
}

func renderPy(tables []table) string {
	var b strings.Builder
	b.WriteString(`from sqlalchemy import CheckConstraint, Column, Enum, ForeignKey, Index, Integer, MetaData, String, Table, Text

metadata = MetaData()
status = Enum("new", "active", "closed", name="status")
`)
	for _, t := range tables {
		fk := ""
		if t.index > 0 {
			fk = fmt.Sprintf(`, ForeignKey("t%04d.id", ondelete="CASCADE")`, t.parent)
		}
		extra := ""
		if t.extra {
			extra = `    Column("extra", Text),` + "\n"
		}
		fmt.Fprintf(&b, `Table(
    "%[1]s", metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(20), nullable=False, unique=True),
    Column("qty", Integer, CheckConstraint("qty >= 0")),
    Column("st", status, nullable=False, server_default="new"),
    Column("parent_id", Integer%[2]s),
%[3]s    Index("ix_%[1]s_parent", "parent_id"),
    comment="table %[4]d",
)
`, t.name(), fk, extra, t.index)
	}
	return b.String()
}
