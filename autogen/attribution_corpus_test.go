package autogen

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/internal/sqlcorpus"
	"github.com/retort-dev/retort/sqlscript"
)

// TestCorpusAttribution: every statement of the repository's .sql corpora is attributed
// (kind and target table) and every file grouped into table groups as before the cache
// read statements from the SQL token stream.
func TestCorpusAttribution(t *testing.T) {
	sqlcorpus.Check(t, filepath.Join("testdata", "corpus_attribution.golden"), sqlcorpus.Files(t), describeAttribution)
}

func describeAttribution(f sqlcorpus.File) string {
	var b strings.Builder
	stmts, err := sqlscript.Split(f.SQL, 1)
	if err != nil {
		return "split: " + err.Error() + "\n"
	}
	for _, st := range stmts {
		toks, ok := tokenize(st.SQL)
		if !ok {
			fmt.Fprintf(&b, "%d: not tokenized\n", st.Line)
			continue
		}
		kind, target, ok := classify(toks)
		fmt.Fprintf(&b, "%d: kind %d target %q ok %v\n", st.Line, kind, target, ok)
	}
	for _, qualified := range []bool{false, true} {
		gr, err := groupStatements([]dialect.Script{{Name: f.Path, SQL: f.SQL}}, qualified, "public")
		fmt.Fprintf(&b, "qualified %v: ", qualified)
		if err != nil {
			fmt.Fprintf(&b, "%v\n", err)
			continue
		}
		fmt.Fprintf(&b, "types %q\n%s\n", gr.typeNames, describeGroups(gr))
	}
	return b.String()
}
