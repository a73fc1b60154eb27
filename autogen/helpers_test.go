package autogen

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/retort-dev/retort/dialect"
	_ "github.com/retort-dev/retort/dialect/all"
	"github.com/retort-dev/retort/internal/testdb"
)

// Test helpers shared by this package's internal and external (autogen_test) tests.

// CaseDialect is the name dialect d's case files go by: MariaDB's are MySQL's, since
// both reflect and render alike (the same dialect package).
func CaseDialect(d string) string {
	if a, ok := caseAliases[d]; ok {
		return a
	}
	return d
}

var caseAliases = map[string]string{"mariadb": "mysql"}

// CaseFile reads <name>.<dialect>.sql in dir, else <name>.sql.
func CaseFile(dir, name, d string) (string, bool) {
	for _, p := range []string{name + "." + CaseDialect(d) + ".sql", name + ".sql"} {
		if b, err := os.ReadFile(filepath.Join(dir, p)); err == nil {
			return string(b), true
		}
	}
	return "", false
}

// OpenTestDB opens a fresh database of dialect d for t: a SQLite file, or a PostgreSQL or
// MySQL database of its own.
func OpenTestDB(t *testing.T, d string) *sql.DB {
	t.Helper()
	driver, dsn := testDSN[d](t)
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	return db
}

// testDSN opens a test database of each dialect directly with its driver.
var testDSN = map[string]func(t *testing.T) (driver, dsn string){
	"sqlite": func(t *testing.T) (string, string) { return "sqlite3", filepath.Join(t.TempDir(), "test.db") },
	// SELECT * changes shape with the schema: no statement cache
	"postgresql": func(t *testing.T) (string, string) {
		return "pgx", testdb.Postgres(t) + "?default_query_exec_mode=exec"
	},
	"mysql":   func(t *testing.T) (string, string) { return "mysql", testdb.MySQLDSN(t, testdb.MySQL(t)) },
	"mariadb": func(t *testing.T) (string, string) { return "mysql", testdb.MySQLDSN(t, testdb.MySQL(t)) },
}

// LookupAutogen returns the registered dialect name with its autogenerate capability.
func LookupAutogen(name string) (dialect.Autogenerator, error) {
	d, err := dialect.Lookup(name)
	if err != nil {
		return nil, err
	}
	ag, ok := d.(dialect.Autogenerator)
	if !ok {
		return nil, fmt.Errorf("dialect %s cannot autogenerate", name)
	}
	return ag, nil
}
