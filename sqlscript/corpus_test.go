package sqlscript

import (
	"flag"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/retort-dev/retort/internal/sqlcorpus"
)

var _ = flag.Bool("update", false, "rewrite the golden files under testdata")

// describeSplit prints what splitting gave: each statement's line, length, hash and
// start, or the error.
func describeSplit(stmts []Statement, err error) string {
	if err != nil {
		return "error: " + err.Error() + "\n"
	}
	var b strings.Builder
	for _, st := range stmts {
		head := st.SQL
		if len(head) > 40 {
			head = head[:40]
		}
		fmt.Fprintf(&b, "%d %d %s %q\n", st.Line, len(st.SQL), sqlcorpus.Hash(st.SQL), head)
	}
	return b.String()
}

// TestCorpusSplit: every .sql file of the repository's corpora splits into the statements
// (text and line) that the splitter gave before it ran on the token stream, under the
// Generic options and under those of each database the file is written for.
func TestCorpusSplit(t *testing.T) {
	sets := map[string]Options{"sqlite": SQLite, "postgresql": PostgreSQL, "mysql": MySQL}
	sqlcorpus.Check(t, filepath.Join("testdata", "corpus_split.golden"), sqlcorpus.Files(t), func(f sqlcorpus.File) string {
		generic := describeSplit(Split(f.SQL, 1))
		out := generic
		for _, d := range f.Dialects {
			if got := describeSplit(sets[d].Split(f.SQL, 1)); got != generic {
				out += "with the " + d + " options:\n" + got
			}
		}
		return out
	})
}
