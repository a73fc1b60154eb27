// Command autogenschema prints the DDL of the wide PostgreSQL schema bench/autogen.sh
// times autogenerate on: n tables, each with a serial primary key, a unique and a check
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
	flag.Parse()
	if *change && *n <= 500 {
		fmt.Fprintln(os.Stderr, "autogenschema: -change needs -n above 500")
		os.Exit(2)
	}
	var b strings.Builder
	b.WriteString("CREATE TYPE status AS ENUM ('new', 'active', 'closed');\n")
	for i := 0; i < *n; i++ {
		fmt.Fprintf(&b, "CREATE TABLE t%04d (\n    id SERIAL PRIMARY KEY,\n", i)
		if *change && i == 500 {
			b.WriteString("    extra TEXT,\n")
		}
		b.WriteString("    code VARCHAR(20) NOT NULL UNIQUE,\n    qty INTEGER CHECK (qty >= 0),\n    st status NOT NULL DEFAULT 'new',\n    parent_id INTEGER")
		if i > 0 {
			fmt.Fprintf(&b, " REFERENCES t%04d (id) ON DELETE CASCADE", (i-1)/2)
		}
		fmt.Fprintf(&b, "\n);\nCREATE INDEX ix_t%04d_parent ON t%04d (parent_id);\nCOMMENT ON TABLE t%04d IS 'table %d';\n", i, i, i, i)
	}
	fmt.Print(b.String())
}
