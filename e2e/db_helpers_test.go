package e2e

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	_ "github.com/go-sql-driver/mysql" // driver "mysql"
	_ "github.com/jackc/pgx/v5/stdlib" // driver "pgx"
	_ "github.com/mattn/go-sqlite3"    // driver "sqlite3"

	"github.com/retort-dev/retort/dialect"
	_ "github.com/retort-dev/retort/dialect/all"
	"github.com/retort-dev/retort/internal/testdb"
)

// dbTarget is one database the database tests run against.
type dbTarget struct {
	dialect string  // a registered dialect name
	file    string  // the database file of a file-based database ("" for a server)
	url     string  // SQLAlchemy URL, for retort and for Alembic
	db      *sql.DB // for the test's own checks
}

// dbDialects are the dialects every database test runs on: every registered one.
var dbDialects = dialect.Names()

// dbOpeners create an empty database of each dialect for t (a temporary SQLite file, or
// a PostgreSQL database from internal/testdb, skipping t without a server).
var dbOpeners = map[string]func(t *testing.T) (dbTarget, error){
	"sqlite": func(t *testing.T) (dbTarget, error) {
		path := filepath.Join(t.TempDir(), "test.db")
		d := dbTarget{dialect: "sqlite", url: "sqlite:///" + path, file: path}
		var err error
		d.db, err = sql.Open("sqlite3", path+"?_busy_timeout=30000")
		return d, err
	},
	"postgresql": func(t *testing.T) (dbTarget, error) {
		raw := testdb.Postgres(t)
		d := dbTarget{dialect: "postgresql", url: "postgresql+psycopg2://" + strings.TrimPrefix(raw, "postgres://")}
		var err error
		d.db, err = sql.Open("pgx", raw)
		return d, err
	},
	"mysql":   mysqlOpener("mysql"),
	"mariadb": mysqlOpener("mariadb"),
}

// mysqlOpener makes a database on the MySQL/MariaDB test server, named by a URL of the
// given scheme (mysql+pymysql:// or mariadb+pymysql://, both usable by Alembic).
func mysqlOpener(name string) func(t *testing.T) (dbTarget, error) {
	return func(t *testing.T) (dbTarget, error) {
		raw := testdb.MySQL(t)
		d := dbTarget{dialect: name, url: name + strings.TrimPrefix(raw, "mysql")}
		var err error
		d.db, err = sql.Open("mysql", testdb.MySQLDSN(t, raw))
		return d, err
	}
}

// dbTablesQuery lists the user tables of each dialect's database.
var dbTablesQuery = map[string]string{
	"sqlite":     "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
	"postgresql": "SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
	"mysql":      "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()",
	"mariadb":    "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()",
}

// dbPolicy is the transaction policy of the named dialect.
func dbPolicy(t *testing.T, name string, perMigration, offline bool) dialect.TxPolicy {
	t.Helper()
	d, err := dialect.Lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	return d.TxPolicy(perMigration, offline)
}

// dbPartialCommits reports whether the named dialect's server commits part of a failing
// revision by itself (MySQL DDL).
func dbPartialCommits(t *testing.T, name string) bool {
	t.Helper()
	d, err := dialect.Lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	_, ok := d.(dialect.PartialCommitter)
	return ok
}

// dbNew creates an empty database of the dialect for t (a temporary SQLite file, or a
// PostgreSQL database from internal/testdb, skipping t without a server).
func dbNew(t *testing.T, name string) dbTarget {
	t.Helper()
	open, ok := dbOpeners[name]
	if !ok {
		t.Fatalf("no database opener for dialect %q: add one to dbOpeners", name)
	}
	d, err := open(t)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.db.Close() })
	return d
}

// dbEach runs fn as one subtest per dialect, each with a fresh database.
func dbEach(t *testing.T, fn func(t *testing.T, d dbTarget)) {
	for _, name := range dbDialects {
		t.Run(name, func(t *testing.T) { fn(t, dbNew(t, name)) })
	}
}

// dbTables returns the user tables of the database, sorted (alembic_version included).
func dbTables(t *testing.T, d dbTarget) []string {
	t.Helper()
	return dbStrings(t, d, dbTablesQuery[d.dialect])
}

// dbRows returns the rows of alembic_version, sorted; nil when the table is missing.
func dbRows(t *testing.T, d dbTarget) []string {
	t.Helper()
	if !slices.Contains(dbTables(t, d), "alembic_version") {
		return nil
	}
	rows := dbStrings(t, d, "SELECT version_num FROM alembic_version")
	if rows == nil {
		rows = []string{}
	}
	return rows
}

// dbStrings runs a query returning one text column and returns its values, sorted.
func dbStrings(t *testing.T, d dbTarget, query string, args ...any) []string {
	t.Helper()
	rows, err := d.db.Query(query, args...)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// dbExec runs statements on the test's connection.
func dbExec(t *testing.T, d dbTarget, stmts ...string) {
	t.Helper()
	for _, s := range stmts {
		if _, err := d.db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// dbRev is one revision of a test project.
type dbRev struct {
	id, down, labels, deps string // down and deps comma separated
	up, downSQL            string // bodies; empty: "SELECT 1;"
	// python writes an Alembic .py revision that runs the bodies' statements through
	// op.get_bind(), so it needs Python (the ini must name an interpreter with Alembic).
	python bool
}

// dbProject writes a retort project using d's database: an alembic.ini (plus extra ini
// lines) and one .sql file per revision, in load order (file names sort as given).
func dbProject(t *testing.T, d dbTarget, revs []dbRev, extraIni string) string {
	t.Helper()
	dir := t.TempDir()
	dbWriteProject(t, dir, d, revs, extraIni)
	return dir
}

// dbWriteProject writes (or rewrites) the project of dbProject in dir.
func dbWriteProject(t *testing.T, dir string, d dbTarget, revs []dbRev, extraIni string) {
	t.Helper()
	versions := filepath.Join(dir, "migrations", "versions")
	if err := os.RemoveAll(versions); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(versions, 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "alembic.ini", "[alembic]\nscript_location = %(here)s/migrations\nsqlalchemy.url = "+
		strings.ReplaceAll(d.url, "%", "%%")+"\n"+extraIni)
	for i, r := range revs {
		up, down := r.up, r.downSQL
		if up == "" {
			up = "SELECT 1;"
		}
		if down == "" {
			down = "SELECT 1;"
		}
		if r.python {
			writeFile(t, versions, fmt.Sprintf("%04d_%s.py", i, r.id), dbPythonRevision(r, up, down))
			continue
		}
		body := fmt.Sprintf("-- revision %s\n--\n-- revision: %s\n-- down_revision: %s\n-- branch_labels: %s\n-- depends_on: %s\n\n-- +upgrade\n%s\n\n-- +downgrade\n%s\n",
			r.id, r.id, r.down, r.labels, r.deps, up, down)
		writeFile(t, versions, fmt.Sprintf("%04d_%s.sql", i, r.id), body)
	}
}

// dbPythonRevision is r as an Alembic module running the statements of up and down
// (";\n" separated) on op.get_bind().
func dbPythonRevision(r dbRev, up, down string) string {
	stmts := func(body string) string {
		var out []string
		for _, s := range strings.Split(body, ";\n") {
			if s = strings.TrimSuffix(strings.TrimSpace(s), ";"); s != "" {
				out = append(out, s)
			}
		}
		data, _ := json.Marshal(out) // a JSON list of strings is a Python literal
		return string(data)
	}
	downRev := "None"
	if r.down != "" {
		downRev = fmt.Sprintf("%q", r.down)
	}
	return fmt.Sprintf(`"""revision %s"""
from alembic import op
import sqlalchemy as sa

revision = %q
down_revision = %s


def upgrade():
    conn = op.get_bind()
    for stmt in %s:
        conn.execute(sa.text(stmt))


def downgrade():
    conn = op.get_bind()
    for stmt in %s:
        conn.execute(sa.text(stmt))
`, r.id, r.id, downRev, stmts(up), stmts(down))
}

// dbRetort runs retort in dir and fails t unless it exits 0.
func dbRetort(t *testing.T, dir string, args ...string) result {
	t.Helper()
	r := retort(t, dir, args...)
	if r.code != 0 {
		t.Fatalf("retort %s: exit %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
	}
	return r
}

// dbChain is n revisions r0001 <- r0002 <- ... each creating table t<id> with one row and
// dropping it on the way down; extra is added to each upgrade body.
func dbChain(n int, extra func(id string) string) []dbRev {
	revs := make([]dbRev, n)
	for i := range revs {
		id := fmt.Sprintf("r%04d", i+1)
		revs[i] = dbRev{id: id,
			up:      fmt.Sprintf("CREATE TABLE t%s (id INTEGER PRIMARY KEY, v TEXT);\nINSERT INTO t%s (id, v) VALUES (1, '%s');", id, id, id),
			downSQL: fmt.Sprintf("DROP TABLE t%s;", id)}
		if i > 0 {
			revs[i].down = revs[i-1].id
		}
		if extra != nil {
			revs[i].up += "\n" + extra(id)
		}
	}
	return revs
}

// dbFilledChain is dbChain(n) with 19 more rows inserted into each revision's table, so a
// revision's INSERT takes a moment (the crash tests kill runs in the middle).
func dbFilledChain(n int) []dbRev {
	return dbChain(n, func(id string) string {
		var v []string
		for k := 2; k <= 20; k++ {
			v = append(v, fmt.Sprintf("(%d, '%s')", k, id))
		}
		return "INSERT INTO t" + id + " (id, v) VALUES " + strings.Join(v, ", ") + ";"
	})
}
