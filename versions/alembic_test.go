package versions

import (
	"context"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/internal/oracle"
	"github.com/retort-dev/retort/internal/testdb"
)

// versionTableCatalog reads the definition of alembic_version from each dialect's catalog.
var versionTableCatalog = map[string]string{
	"sqlite": "SELECT sql FROM sqlite_master WHERE name = 'alembic_version' OR tbl_name = 'alembic_version' ORDER BY name",
	"postgresql": `SELECT a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' ' || a.attnotnull FROM pg_attribute a
WHERE a.attrelid = 'alembic_version'::regclass AND a.attnum > 0
UNION ALL SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'alembic_version'::regclass`,
	"mysql":   mysqlVersionTable,
	"mariadb": mysqlVersionTable,
}

// mysqlVersionTable: columns, then keys (MySQL names every primary key PRIMARY).
const mysqlVersionTable = `SELECT CONCAT(column_name, ' ', column_type, ' ', is_nullable, ' ', collation_name)
FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'alembic_version'
UNION ALL SELECT CONCAT(constraint_name, ' ', constraint_type) FROM information_schema.table_constraints
WHERE table_schema = DATABASE() AND table_name = 'alembic_version'
UNION ALL SELECT CONCAT(engine, ' ', table_collation) FROM information_schema.tables
WHERE table_schema = DATABASE() AND table_name = 'alembic_version'`

// describeVersionTable is the version table as the catalog sees it.
func describeVersionTable(t *testing.T, db *sql.DB, rt dialect.Dialect) string {
	t.Helper()
	q, ok := versionTableCatalog[rt.Name()]
	if !ok {
		t.Fatalf("no catalog query for %s", rt.Name())
	}
	rows, err := db.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s sql.NullString
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s.String)
	}
	return strings.Join(out, "\n")
}

// TestTableMatchesAlembic creates the version table with real Alembic (ensure_version)
// and with Ensure, and compares what the catalogs hold.
func TestTableMatchesAlembic(t *testing.T) {
	alembic := oracle.Alembic(t)
	for _, name := range dialect.Names() {
		t.Run(name, func(t *testing.T) {
			urls := [2]string{}
			for i := range urls {
				urls[i] = testdb.Open(t, name)
			}
			proj := t.TempDir()
			if out, err := exec.Command(alembic, "-c", filepath.Join(proj, "alembic.ini"), "init", filepath.Join(proj, "mig")).CombinedOutput(); err != nil {
				t.Fatalf("alembic init: %v\n%s", err, out)
			}
			ini := filepath.Join(proj, "alembic.ini")
			b, err := os.ReadFile(ini)
			if err != nil {
				t.Fatal(err)
			}
			b = regexp.MustCompile(`(?m)^sqlalchemy.url = .*$`).ReplaceAll(b, []byte("sqlalchemy.url = "+urls[0]))
			if err := os.WriteFile(ini, b, 0o644); err != nil {
				t.Fatal(err)
			}
			if out, err := exec.Command(alembic, "-c", ini, "ensure_version").CombinedOutput(); err != nil {
				t.Fatalf("alembic ensure_version: %v\n%s", err, out)
			}
			ctx := context.Background()
			theirs, rt, err := dialect.Open(ctx, urls[0])
			if err != nil {
				t.Fatal(err)
			}
			defer theirs.Close()
			ours, _, err := dialect.Open(ctx, urls[1])
			if err != nil {
				t.Fatal(err)
			}
			defer ours.Close()
			if _, err := Ensure(ctx, ours, rt, Table{}); err != nil {
				t.Fatal(err)
			}
			want, got := describeVersionTable(t, theirs, rt), describeVersionTable(t, ours, rt)
			if want == "" || got != want {
				t.Errorf("version table differs\n--- retort\n%s\n--- alembic\n%s", got, want)
			}
		})
	}
}
