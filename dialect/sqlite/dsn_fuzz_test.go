package sqlite

import (
	"net/url"
	"strings"
	"testing"

	"github.com/retort-dev/retort/dialect"
)

// FuzzSQLiteDSN: the file a parsed SQLite URL names survives the trip through the
// file: URI go-sqlite3 opens ('?', '#' and '%' in the path included).
func FuzzSQLiteDSN(f *testing.F) {
	for _, s := range []string{"sqlite:///rel.db", "sqlite:////abs/x?y#z.db", "sqlite://", "sqlite:///:memory:?mode=ro", "sqlite:///a%25b.db"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		u, err := dialect.ParseURL(raw)
		if err != nil || u.Dialect != "sqlite" {
			return
		}
		dsn, memory := sqliteDSN(u, 1)
		path, _, _ := strings.Cut(strings.TrimPrefix(dsn, "file:"), "?")
		got, err := url.PathUnescape(path)
		if !memory && (err != nil || got != u.Database) {
			t.Fatalf("%q: DSN %q names the file %q, want %q (%v)", raw, dsn, got, u.Database, err)
		}
	})
}
