package testdb

import (
	"path/filepath"
	"slices"
	"testing"
)

// Openers make a fresh, empty database for a test, one per dialect name, and return
// its SQLAlchemy URL; the database is removed when the test ends. A test that needs no
// particular database takes every registered dialect (dialect.Names()) and calls Open:
// a registered dialect without an opener here fails that test.
var Openers = map[string]func(t testing.TB) string{
	"sqlite": func(t testing.TB) string {
		return "sqlite:///" + filepath.Join(t.TempDir(), "test.db")
	},
	"postgresql": func(t testing.TB) string {
		return "postgresql" + Postgres(t)[len("postgres"):]
	},
	"mysql": func(t testing.TB) string { return MySQL(t) },
	"mariadb": func(t testing.TB) string {
		return "mariadb" + MySQL(t)[len("mysql"):]
	},
}

// Open returns the URL of a fresh database of the named dialect (see Openers); it skips
// the test when the dialect's server is unreachable (fails when the RETORT_REQUIRE_*
// variable of that server is 1).
func Open(t testing.TB, name string) string {
	t.Helper()
	open, ok := Openers[name]
	if !ok {
		names := make([]string, 0, len(Openers))
		for n := range Openers {
			names = append(names, n)
		}
		slices.Sort(names)
		t.Fatalf("testdb: no opener for dialect %q (have %v): add one to testdb.Openers", name, names)
	}
	return open(t)
}
