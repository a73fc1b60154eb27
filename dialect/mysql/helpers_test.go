package mysql

import (
	"database/sql"
	"testing"

	"github.com/retort-dev/retort/internal/testdb"
)

// openTestDB returns a handle on an empty database of its own for t.
func openTestDB(t testing.TB) *sql.DB {
	t.Helper()
	db, err := sql.Open("mysql", testdb.MySQLDSN(t, testdb.MySQL(t)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func execAll(t testing.TB, db *sql.DB, stmts ...string) {
	t.Helper()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%v\n%s", err, s)
		}
	}
}
