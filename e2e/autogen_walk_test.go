package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/retort-dev/retort/internal/oracle"
)

// TestAutogenerateWalk is the walk a new user takes with SQLAlchemy models: init, point
// target_metadata_cmd at a script printing the models' DDL, autogenerate, upgrade, add a
// column to the models, autogenerate again (one ADD COLUMN), upgrade, check, downgrade.
func TestAutogenerateWalk(t *testing.T) {
	python := agPython(t)
	dbEach(t, func(t *testing.T, d dbTarget) {
		dir := agInit(t, d)
		for _, f := range []string{"models.py", "models_v2.py", "print_ddl.py"} {
			agCopy(t, filepath.Join("testdata", "sqlalchemy", f), filepath.Join(dir, f))
		}
		models := func(module string) {
			agSetIni(t, dir, "target_metadata_cmd", python+" print_ddl.py "+module+" "+d.dialect)
		}
		models("models")

		r := dbRetort(t, dir, "revision", "--autogenerate", "-m", "create models")
		first := agNewFile(t, r.stdout)
		agContains(t, r.stderr,
			"INFO  [alembic.autogenerate.compare] Detected create table user_account\n"+
				"INFO  [alembic.autogenerate.compare] Detected create table address\n")
		up, down := agSections(t, first)
		if i, j := agIndex(up, "CREATE TABLE user_account"), agIndex(up, "CREATE TABLE address"); i < 0 || j < i {
			t.Fatalf("upgrade must create user_account, then address (its foreign key's target):\n%s", strings.Join(up, "\n"))
		}
		if want := []string{"DROP TABLE address;", "DROP TABLE user_account;"}; !slices.Equal(down, want) {
			t.Fatalf("downgrade = %q, want %q", down, want)
		}

		dbRetort(t, dir, "upgrade", "head")
		if got, want := dbTables(t, d), []string{"address", "alembic_version", "user_account"}; !slices.Equal(got, want) {
			t.Fatalf("tables after upgrade = %v, want %v", got, want)
		}
		dbExec(t, d, "INSERT INTO user_account (id, name) VALUES (1, 'ann')")
		r = dbRetort(t, dir, "check")
		if r.stdout != "No new upgrade operations detected.\n" {
			t.Fatalf("check at the models: stdout %q", r.stdout)
		}

		models("models_v2")
		nickname := map[string]string{"sqlite": "VARCHAR(50)", "postgresql": "character varying(50)", "mysql": "varchar(50)", "mariadb": "varchar(50)"}[d.dialect]
		r = retort(t, dir, "check")
		if r.code != 1 || !strings.Contains(r.stderr, "\nFAILED: New upgrade operations detected: add column user_account.nickname "+nickname+"\n") {
			t.Fatalf("check with models ahead: exit %d, stderr:\n%s", r.code, r.stderr)
		}

		r = dbRetort(t, dir, "revision", "--autogenerate", "-m", "add nickname")
		second := agNewFile(t, r.stdout)
		up, down = agSections(t, second)
		if want := []string{"ALTER TABLE user_account ADD COLUMN nickname " + nickname + ";"}; !slices.Equal(up, want) {
			t.Fatalf("upgrade = %q, want %q", up, want)
		}
		if want := []string{"ALTER TABLE user_account DROP COLUMN nickname;"}; !slices.Equal(down, want) {
			t.Fatalf("downgrade = %q, want %q", down, want)
		}

		dbRetort(t, dir, "upgrade", "head")
		if got := dbStrings(t, d, "SELECT COALESCE(nickname, name) FROM user_account WHERE nickname IS NULL"); !slices.Equal(got, []string{"ann"}) {
			t.Fatalf("rows after adding nickname = %v", got)
		}
		r = dbRetort(t, dir, "check")
		if r.stdout != "No new upgrade operations detected.\n" {
			t.Fatalf("check after upgrade: stdout %q", r.stdout)
		}

		dbRetort(t, dir, "downgrade", "-1")
		if got := dbRows(t, d); !slices.Equal(got, []string{agRevID(t, first)}) {
			t.Fatalf("rows after downgrade -1 = %v, want the first revision", got)
		}
		if got := dbStrings(t, d, "SELECT name FROM user_account"); !slices.Equal(got, []string{"ann"}) {
			t.Fatalf("user_account after downgrade -1 = %v", got)
		}
		dbRetort(t, dir, "downgrade", "base")
		if got := dbTables(t, d); !slices.Equal(got, []string{"alembic_version"}) {
			t.Fatalf("tables after downgrade base = %v", got)
		}
	})
}

// agPython returns the Python that runs Alembic, skipping t (unless
// RETORT_REQUIRE_ALEMBIC=1) when it cannot import SQLAlchemy.
func agPython(t *testing.T) string {
	t.Helper()
	python := oracle.AlembicPython(t)
	if out, err := exec.Command(python, "-c", "import sqlalchemy").CombinedOutput(); err != nil {
		if os.Getenv("RETORT_REQUIRE_ALEMBIC") == "1" {
			t.Fatalf("%s cannot import sqlalchemy: %v\n%s", python, err, out)
		}
		t.Skipf("skipping: %s cannot import sqlalchemy (apt-get install python3-sqlalchemy)", python)
	}
	return python
}

// agInit runs `retort init migrations` in a new directory and points its ini at d.
func agInit(t *testing.T, d dbTarget) string {
	t.Helper()
	dir := t.TempDir()
	dbRetort(t, dir, "init", "migrations")
	agSetIni(t, dir, "sqlalchemy.url", strings.ReplaceAll(d.url, "%", "%%"))
	return dir
}

// agSetIni sets key in dir/alembic.ini, replacing its line or the commented-out example
// line `# key = ...` that init writes.
func agSetIni(t *testing.T, dir, key, value string) {
	t.Helper()
	path := filepath.Join(dir, "alembic.ini")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`(?m)^(# )?` + regexp.QuoteMeta(key) + ` =.*$`)
	loc := re.FindIndex(data)
	if loc == nil {
		t.Fatalf("alembic.ini has no line for %s", key)
	}
	out := string(data[:loc[0]]) + key + " = " + value + string(data[loc[1]:])
	if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
}

func agCopy(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// agNewFile returns the path in revision's "Generating <path> ...  done" line.
func agNewFile(t *testing.T, stdout string) string {
	t.Helper()
	m := regexp.MustCompile(`(?m)^Generating (\S+\.sql) \.\.\.  done$`).FindStringSubmatch(stdout)
	if m == nil {
		t.Fatalf("no Generating line in:\n%s", stdout)
	}
	return m[1]
}

// agRevID reads the revision id from a revision file's header.
func agRevID(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^-- revision: (\w+)$`).FindSubmatch(data)
	if m == nil {
		t.Fatalf("%s: no revision header", path)
	}
	return string(m[1])
}

// agSections returns the SQL lines of a revision file's upgrade and downgrade sections,
// comments and blank lines left out.
func agSections(t *testing.T, path string) (up, down []string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(data), "\n-- +upgrade\n")
	upText, downText, ok2 := strings.Cut(rest, "\n-- +downgrade\n")
	if !ok || !ok2 {
		t.Fatalf("%s: no upgrade/downgrade sections:\n%s", path, data)
	}
	sqlLines := func(s string) []string {
		var out []string
		for _, l := range strings.Split(s, "\n") {
			if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "--") {
				out = append(out, l)
			}
		}
		return out
	}
	return sqlLines(upText), sqlLines(downText)
}

// agIndex returns the index of the first line starting with prefix, or -1.
func agIndex(lines []string, prefix string) int {
	return slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, prefix) })
}

func agContains(t *testing.T, s, want string) {
	t.Helper()
	if !strings.Contains(s, want) {
		t.Fatalf("missing\n%s\nin\n%s", want, s)
	}
}
