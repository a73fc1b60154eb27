package pyop

import (
	"testing"

	"github.com/retort-dev/retort/dialect"
)

// BenchmarkStatements reads and renders the a1 revision's upgrade (three tables, indexes,
// column changes) for PostgreSQL, file read included.
func BenchmarkStatements(b *testing.B) {
	f := revisions(b)["a1"]
	d, err := dialect.Lookup("postgresql")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		calls, err := f.Calls(true)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Statements(d, calls, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
