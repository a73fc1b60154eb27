package sqlscript

import (
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/retort-dev/retort/internal/sqlcorpus"
)

// benchScripts are the inputs Split is measured on: a large schema, function and
// trigger bodies, and the repository's corpora joined into one script.
func benchScripts(b *testing.B) map[string]string {
	var ddl, fn, trg strings.Builder
	for i := range 2000 {
		fmt.Fprintf(&ddl, "-- table %d\nCREATE TABLE t_%d (\n    id INTEGER NOT NULL PRIMARY KEY,\n    name VARCHAR(50) NOT NULL DEFAULT 'it''s',\n    \"Note\" TEXT /* free; text */,\n    amount NUMERIC(10, 2) CHECK (amount > 0)\n);\nCREATE INDEX ix_%d ON t_%d (name);\n", i, i, i, i)
		fmt.Fprintf(&fn, "CREATE FUNCTION f_%d() RETURNS trigger AS $$\nBEGIN\n  NEW.updated = now(); -- a ; here\n  RETURN NEW;\nEND;\n$$ LANGUAGE plpgsql;\nSELECT E'x\\'y';\n", i)
		fmt.Fprintf(&trg, "CREATE TRIGGER tr_%d AFTER INSERT ON a\nBEGIN\n  UPDATE b SET n = n + 1 WHERE id = NEW.id;\n  INSERT INTO c VALUES (CASE WHEN NEW.x THEN 2 ELSE 3 END);\nEND;\n", i)
	}
	var corpus []string
	for _, f := range sqlcorpus.Files(b) {
		if _, err := Split(f.SQL, 1); err == nil {
			corpus = append(corpus, f.SQL)
		}
	}
	return map[string]string{"ddl": ddl.String(), "functions": fn.String(), "triggers": trg.String(), "corpus": strings.Join(corpus, "\n;\n")}
}

func BenchmarkSplit(b *testing.B) {
	benchSplit(b, Split)
}

func benchSplit(b *testing.B, split func(string, int) ([]Statement, error)) {
	scripts := benchScripts(b)
	for _, name := range []string{"ddl", "functions", "triggers", "corpus"} {
		src := scripts[name]
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			cpu := cpuTime()
			for b.Loop() {
				if _, err := split(src, 1); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
		})
	}
}

// cpuTime is the process's CPU time: on a shared machine it varies less than ns/op,
// which counts the time other processes hold the CPU.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
