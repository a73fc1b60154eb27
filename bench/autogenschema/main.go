// Command autogenschema prints the DDL of the wide PostgreSQL schema bench/autogen.sh
// times autogenerate on: n tables, each with a primary key, a foreign key to the one
// before, an index, a unique and a check constraint, an enum column and a comment.
// With -change, table t0500 gets one column more: the desired schema of the benchmark.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/retort-dev/retort/internal/testdb"
)

func main() {
	n := flag.Int("n", 1000, "number of tables")
	change := flag.Bool("change", false, "add column extra to t0500 (needs n > 500)")
	flag.Parse()
	ddl := testdb.WideSchema(*n)
	if *change {
		const table = "CREATE TABLE t0500 ("
		if !strings.Contains(ddl, table) {
			fmt.Fprintln(os.Stderr, "autogenschema: -change needs -n above 500")
			os.Exit(2)
		}
		ddl = strings.Replace(ddl, table, table+"extra TEXT, ", 1)
	}
	fmt.Print(ddl)
}
