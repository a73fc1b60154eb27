package command

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/retort-dev/retort/dialect"
)

// dropIndexSQL is how a database drops index ix_K of table T where it is not
// "DROP INDEX ix_K;" (format arguments: K, T).
var dropIndexSQL = map[string]string{
	"mysql":   "DROP INDEX ix_%[1]d ON %[2]s;",
	"mariadb": "DROP INDEX ix_%[1]d ON %[2]s;",
}

// writeHistory writes a linear project of n revisions whose bodies are the everyday
// kind, each with its downgrade: a new table, a column added to it, an index on it, a
// column with a default (a quarter each), so the schema grows to n/4 tables.
func writeHistory(tb testing.TB, dir, url string, n int) {
	tb.Helper()
	d, err := dialect.ForURL(url)
	if err != nil {
		tb.Fatal(err)
	}
	dropIndex, ok := dropIndexSQL[d.Name()]
	if !ok {
		dropIndex = "DROP INDEX ix_%[1]d;"
	}
	versions := filepath.Join(dir, "versions")
	if err := os.MkdirAll(versions, 0o755); err != nil {
		tb.Fatal(err)
	}
	ini := fmt.Sprintf("[alembic]\nscript_location = %%(here)s\nsqlalchemy.url = %s\n", url)
	if err := os.WriteFile(filepath.Join(dir, "alembic.ini"), []byte(ini), 0o644); err != nil {
		tb.Fatal(err)
	}
	down := ""
	for k := 1; k <= n; k++ {
		t := fmt.Sprintf("t_%d", k-(k-1)%4)
		var up, dn string
		switch k % 4 {
		case 1:
			up = fmt.Sprintf("CREATE TABLE %s (id INTEGER PRIMARY KEY, name VARCHAR(50), ref INTEGER);", t)
			dn = fmt.Sprintf("DROP TABLE %s;", t)
		case 2:
			up = fmt.Sprintf("ALTER TABLE %s ADD COLUMN c_%d INTEGER;", t, k)
			dn = fmt.Sprintf("ALTER TABLE %s DROP COLUMN c_%d;", t, k)
		case 3:
			up = fmt.Sprintf("CREATE INDEX ix_%d ON %s (name);", k, t)
			dn = fmt.Sprintf(dropIndex, k, t)
		case 0:
			up = fmt.Sprintf("ALTER TABLE %s ADD COLUMN d_%d VARCHAR(20) DEFAULT 'x';", t, k)
			dn = fmt.Sprintf("ALTER TABLE %s DROP COLUMN d_%d;", t, k)
		}
		id := fmt.Sprintf("r%04d", k)
		body := fmt.Sprintf("-- revision %d\n--\n-- revision: %s\n-- down_revision: %s\n\n-- +upgrade\n%s\n\n-- +downgrade\n%s\n", k, id, down, up, dn)
		if err := os.WriteFile(filepath.Join(versions, id+"_rev.sql"), []byte(body), 0o644); err != nil {
			tb.Fatal(err)
		}
		down = id
	}
}

// BenchmarkLintAll1000 is `retort lint --all` on 1,000 revisions: loading the project,
// reading and parsing every body, the rules, and printing.
func BenchmarkLintAll1000(b *testing.B) {
	dir := b.TempDir()
	writeHistory(b, dir, "postgresql://localhost/unused", 1000)
	g := Global{Config: filepath.Join(dir, "alembic.ini")}
	for b.Loop() {
		err := Lint(context.Background(), LintOptions{Global: g, All: true}, io.Discard, io.Discard)
		if _, failed := err.(*LintFailedError); !failed {
			b.Fatal(err)
		}
	}
}
