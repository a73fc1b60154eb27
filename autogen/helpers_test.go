package autogen

import (
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	"github.com/retort-dev/retort/internal/testdb"
)

// Test helpers shared by this package's internal and external (autogen_test) tests.

// CaseFile reads <name>.<dialect>.sql in dir, else <name>.sql.
func CaseFile(dir, name, d string) (string, bool) {
	for _, p := range []string{name + "." + d + ".sql", name + ".sql"} {
		if b, err := os.ReadFile(filepath.Join(dir, p)); err == nil {
			return string(b), true
		}
	}
	return "", false
}

// OpenTestDB opens a fresh database of dialect d for t: a SQLite file, or a PostgreSQL
// database of its own.
func OpenTestDB(t *testing.T, d string) *sql.DB {
	t.Helper()
	var db *sql.DB
	var err error
	if d == "sqlite" {
		db, err = sql.Open("sqlite3", filepath.Join(t.TempDir(), "test.db"))
	} else {
		// SELECT * changes shape with the schema: no statement cache
		db, err = sql.Open("pgx", testdb.Postgres(t)+"?default_query_exec_mode=exec")
	}
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	return db
}
