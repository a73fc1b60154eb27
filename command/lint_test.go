package command

import (
	"database/sql"
	"strings"

	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"github.com/retort-dev/retort/internal/testdb"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// golden compares got with testdata file name (relative to the repository), or
// rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("..", "testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (go test -run %s -update rewrites it):\n%s", name, t.Name(), got)
	}
}

// TestLintGolden lints every revision of the example projects: each rule fires on a
// .sql and a .py revision, and the near misses (a concurrent index outside a
// transaction, NOT VALID constraints validated in the next revision, indexes and
// constraints on a table created in the same revision, a widened varchar, a stable
// default) stay silent. Errors make the command fail.
func TestLintGolden(t *testing.T) {
	for _, name := range []string{"postgresql", "sqlite"} {
		t.Run(name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := Lint(context.Background(), LintOptions{Global: Global{Config: filepath.Join("..", "testdata", "lint", name, "alembic.ini")}, All: true}, &stdout, &stderr)
			var lf *LintFailedError
			if !errors.As(err, &lf) {
				t.Fatalf("err = %v, want a LintFailedError", err)
			}
			golden(t, filepath.Join("lint", name+".golden"), stdout.String()+stderr.String())
		})
	}
}

func TestLintJSONAndSelection(t *testing.T) {
	var stdout bytes.Buffer
	cfg := filepath.Join("..", "testdata", "lint", "postgresql", "alembic.ini")
	err := Lint(context.Background(), LintOptions{Global: Global{Config: cfg}, Revisions: []string{"po39", "po03"}, JSON: true}, &stdout, &bytes.Buffer{})
	if err != nil {
		t.Fatalf("waived and clean revisions failed: %v", err)
	}
	var rep LintReport
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rep.Revisions, []string{"po03", "po39"}) || len(rep.Findings) != 1 || !rep.Findings[0].Waived ||
		rep.Findings[0].Rule != "drop-table" || rep.Findings[0].Line != 8 || rep.Waived != 1 || rep.Errors != 0 {
		t.Errorf("report: %s", stdout.String())
	}
}

// TestLintPending lints, by default, only the revisions the database has not applied.
func TestLintPending(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join("..", "testdata", "lint", "sqlite")
	copyTree(t, src, dir)
	ini := filepath.Join(dir, "alembic.ini")
	g := Global{Config: ini}
	if err := Stamp(context.Background(), StampOptions{Global: g, Revisions: []string{"sq06"}}, &bytes.Buffer{}, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	var stdout bytes.Buffer
	err := Lint(context.Background(), LintOptions{Global: g, JSON: true}, &stdout, &bytes.Buffer{})
	var lf *LintFailedError
	if !errors.As(err, &lf) || lf.Errors != 1 {
		t.Fatalf("err = %v", err)
	}
	var rep LintReport
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	var rules []string
	for _, f := range rep.Findings {
		rules = append(rules, f.Revision+":"+f.Rule)
	}
	if !slices.Equal(rep.Revisions, []string{"sq07", "sq08", "sq09"}) ||
		!slices.Equal(rules, []string{"sq07:rename-table", "sq08:drop-table", "sq09:not-linted"}) {
		t.Errorf("revisions %v, findings %v", rep.Revisions, rules)
	}
}

func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestAutogenerateLint: autogenerate runs lint on the upgrade it writes, against the
// database's schema: an index on an existing table gets a LINT comment above its
// statement; the new table and its index do not.
func TestAutogenerateLint(t *testing.T) {
	url := "postgresql" + strings.TrimPrefix(testdb.Postgres(t), "postgres")
	dir := t.TempDir()
	t.Chdir(dir)
	ctx := context.Background()
	if err := Init(ctx, InitOptions{Directory: "migrations", Template: "generic"}, &bytes.Buffer{}, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	ini, err := os.ReadFile("alembic.ini")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(ini), "sqlalchemy.url = sqlite:///%(here)s/app.db", "sqlalchemy.url = "+url+"\ntarget_metadata = schema.sql\nautogenerate_cache = false", 1)
	writeTestFile(t, "alembic.ini", text)
	writeTestFile(t, "migrations/versions/a1_account.sql", "-- account\n--\n-- revision: a1\n-- down_revision:\n\n-- +upgrade\nCREATE TABLE account (id INTEGER PRIMARY KEY, email TEXT);\n\n-- +downgrade\nDROP TABLE account;\n")
	writeTestFile(t, "schema.sql", "CREATE TABLE account (id INTEGER PRIMARY KEY, email TEXT);\nCREATE INDEX ix_account_email ON account (email);\nCREATE TABLE tag (id INTEGER PRIMARY KEY, name TEXT);\nCREATE INDEX ix_tag_name ON tag (name);\n")
	if err := Upgrade(ctx, UpgradeOptions{Revision: "head"}, &bytes.Buffer{}, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	if err := Revision(ctx, RevisionOptions{Message: "index", Autogenerate: true, RevID: "b2"}, &bytes.Buffer{}, &log); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("migrations/versions/b2_*.sql")
	if len(files) != 1 {
		t.Fatalf("revision file: %v", files)
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	got := string(data)
	note := "-- LINT index-without-concurrently (error): CREATE INDEX ix_account_email on existing table account blocks writes to it until the index is built\n" +
		"--   fix: CREATE INDEX CONCURRENTLY, alone in a revision with '-- transactional: false' in its header\n" +
		"CREATE INDEX ix_account_email"
	if !strings.Contains(got, note) || strings.Count(got, "-- LINT") != 1 {
		t.Errorf("revision file:\n%s", got)
	}
	if !strings.Contains(log.String(), "WARNI [retort.lint] index-without-concurrently CREATE INDEX ix_account_email") {
		t.Errorf("log:\n%s", log.String())
	}
}

// TestLintLargeRebuild: by default lint reads the database, so a rebuild of a table with
// 100,000 rows is an error where it is a warning without the database.
func TestLintLargeRebuild(t *testing.T) {
	dir := t.TempDir()
	copyTree(t, filepath.Join("..", "testdata", "lint", "sqlite"), dir)
	g := Global{Config: filepath.Join(dir, "alembic.ini")}
	ctx := context.Background()
	if err := Upgrade(ctx, UpgradeOptions{Global: g, Revision: "sq00"}, &bytes.Buffer{}, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite3", filepath.Join(dir, "lint_example.db"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.Exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000) INSERT INTO account (id, email) SELECT i, 'x' FROM n")
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	var stdout bytes.Buffer
	err = Lint(ctx, LintOptions{Global: g, Revisions: nil, JSON: true}, &stdout, &bytes.Buffer{})
	var rep LintReport
	if jerr := json.Unmarshal(stdout.Bytes(), &rep); jerr != nil || err == nil {
		t.Fatal(jerr, err)
	}
	f := rep.Findings[0]
	if f.Rule != "sqlite-table-rebuild" || f.Severity != "error" || !strings.HasSuffix(f.Message, "(100000 rows now)") {
		t.Errorf("%+v", f)
	}
}
