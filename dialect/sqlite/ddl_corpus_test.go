package sqlite

import (
	"flag"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/retort-dev/retort/internal/sqlcorpus"
	"github.com/retort-dev/retort/sqlscript"
)

var _ = flag.Bool("update", false, "rewrite testdata/corpus_ddl.golden from the current output")

// TestCorpusDDL: the DDL reader reads every CREATE TABLE and CREATE INDEX statement of the
// repository's .sql corpora as it did before it read them from the SQL token stream
// (testdata/corpus_ddl.golden was recorded with the reader's own lexer).
func TestCorpusDDL(t *testing.T) {
	sqlcorpus.Check(t, filepath.Join("testdata", "corpus_ddl.golden"), sqlcorpus.Files(t), describeDDL)
}

func describeDDL(f sqlcorpus.File) string {
	stmts, err := sqlscript.Split(f.SQL, 1)
	if err != nil {
		return "split: " + err.Error() + "\n"
	}
	var b strings.Builder
	for _, st := range stmts {
		w := strings.Fields(strings.ToUpper(st.SQL))
		switch {
		case len(w) >= 2 && w[0] == "CREATE" && (w[1] == "TABLE" || len(w) >= 3 && w[2] == "TABLE"):
			d := parseSQLiteTable(st.SQL)
			var checks []constraintText
			for _, c := range d.checks {
				checks = append(checks, *c)
			}
			fmt.Fprintf(&b, "%d: table name %q columns %q generated %q collation %q checks %q named %q autoincrement %v options %q\n",
				st.Line, st.SQL[d.nameStart:d.nameEnd], d.columnDefs, d.generated, d.collation, checks, d.named, d.autoincrement, d.options)
		case len(w) >= 2 && w[0] == "CREATE" && (w[1] == "INDEX" || len(w) >= 3 && w[2] == "INDEX"):
			d := parseSQLiteIndex(st.SQL)
			fmt.Fprintf(&b, "%d: index unique %v columns %q where %q\n", st.Line, d.unique, d.columns, d.where)
		}
	}
	return b.String()
}
