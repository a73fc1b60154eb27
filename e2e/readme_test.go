package e2e

import (
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestReadme follows the README as a new user does, in a fresh copy of the repository:
// its first two commands (make install, with GOBIN in a temporary directory; make test is
// checked, not run: it is this suite), then the Quickstart and the SQLAlchemy walk of
// examples/sqlalchemy/README.md exactly as printed, each code block run by bash with every
// command's exit status checked (0, or the "# exit status N" its comment announces).
func TestReadme(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping in -short mode: builds and installs retort from a fresh copy and walks the README (make test runs it)")
	}
	python := agPython(t)
	sqlite3, err := exec.LookPath("sqlite3")
	if err != nil {
		if os.Getenv("RETORT_REQUIRE_ALEMBIC") == "1" { // CI installs it with Alembic
			t.Fatal("the README walk needs the sqlite3 shell (apt-get install sqlite3)")
		}
		t.Skip("skipping: the README walk needs the sqlite3 shell (apt-get install sqlite3)")
	}
	root := t.TempDir()
	clone := freshCopy(t, filepath.Join(root, "retort"))

	readme := readFile(t, filepath.Join(clone, "README.md"))
	if !strings.HasPrefix(readme, "# retort\n") {
		t.Fatalf("README must open with its title, not:\n%.200s", readme)
	}
	blocks := codeBlocks(readme)
	if len(blocks) < 2 {
		t.Fatalf("README has %d sh blocks, want install and Quickstart", len(blocks))
	}
	if got := commands(blocks[0]); !slices.Equal(got, []string{"make install", "make test"}) {
		t.Fatalf("README's first commands = %q, want make install, make test", got)
	}

	// make install, into a directory not yet on PATH: it must say so.
	gobin := filepath.Join(root, "bin")
	env := append(cleanEnv(), "GOBIN="+gobin)
	out := mustRun(t, clone, env, "make", "install")
	if !strings.Contains(out, "NOTE: "+gobin+" is not on your PATH") {
		t.Errorf("make install with GOBIN off PATH does not say so:\n%s", out)
	}
	// python3 on PATH is one that imports SQLAlchemy; sqlite3 is the shell found above.
	shims := filepath.Join(root, "shims")
	os.MkdirAll(shims, 0o755)
	for name, target := range map[string]string{"python3": python, "sqlite3": sqlite3} {
		if err := os.Symlink(target, filepath.Join(shims, name)); err != nil {
			t.Fatal(err)
		}
	}
	env = setEnv(env, "PATH", gobin+string(os.PathListSeparator)+shims+string(os.PathListSeparator)+os.Getenv("PATH"))
	if out := mustRun(t, clone, env, "make", "install"); strings.Contains(out, "NOTE:") {
		t.Errorf("make install with GOBIN on PATH still warns:\n%s", out)
	}
	describe := strings.TrimSpace(mustRun(t, clone, nil, "git", "describe", "--tags", "--always", "--dirty"))
	if v := mustRun(t, clone, env, "bash", "-c", "retort --version"); v != "retort "+describe+"\n" {
		t.Errorf("retort --version = %q, want the git version %q", v, describe)
	}
	if out := mustRun(t, clone, env, "make", "-n", "test"); !regexp.MustCompile(`go test -race .*\./\.\.\.`).MatchString(out) || strings.Contains(out, "-short") {
		t.Errorf("make test does not run the full suite:\n%s", out)
	}

	runBlock(t, clone, env, "README.md Quickstart", blocks[1])
	shop := filepath.Join(root, "shop")
	if got := sqliteStrings(t, filepath.Join(shop, "app.db"), "SELECT count(*) FROM alembic_version"); !slices.Equal(got, []string{"0"}) {
		t.Errorf("Quickstart ends at base: alembic_version rows %v", got)
	}
	if n := len(globFiles(t, filepath.Join(shop, "migrations", "versions", "*.sql"))); n != 2 {
		t.Errorf("Quickstart wrote %d revisions, want 2", n)
	}

	walk := codeBlocks(readFile(t, filepath.Join(clone, "examples", "sqlalchemy", "README.md")))
	if len(walk) == 0 {
		t.Fatal("examples/sqlalchemy/README.md has no sh block")
	}
	runBlock(t, clone, env, "examples/sqlalchemy walk", walk[0])
	blog := filepath.Join(root, "blog", "app.db")
	// the table autogenerate created takes an insert without an id
	db, err := sql.Open("sqlite3", blog)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("INSERT INTO author (name) VALUES ('Bo')"); err != nil {
		t.Fatalf("insert without an id: %v", err)
	}
	if got := sqliteStrings(t, blog, "SELECT id || ':' || name FROM author ORDER BY id"); !slices.Equal(got, []string{"1:Ann", "2:Bo"}) {
		t.Errorf("authors = %v, want ids filled in", got)
	}
	if got := sqliteStrings(t, blog, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"); !slices.Equal(got, []string{"alembic_version", "author", "post"}) {
		t.Errorf("tables after the walk's downgrade -1 = %v", got)
	}
	for _, dir := range []string{shop, filepath.Join(root, "blog")} {
		if locks := globFiles(t, filepath.Join(dir, "*retort-lock*")); len(locks) > 0 {
			t.Errorf("lock files left in the project directory: %v", locks)
		}
	}

	// The issue this walk guards against: the models printed for PostgreSQL against the
	// SQLite project are refused, naming the statement.
	ini := filepath.Join(root, "blog", "alembic.ini")
	os.WriteFile(ini, []byte(strings.Replace(readFile(t, ini), "print_ddl.py models %(dialect)s", "print_ddl.py models postgresql", 1)), 0o644)
	cmd := exec.Command("bash", "-c", "retort revision --autogenerate -m x")
	cmd.Dir, cmd.Env = filepath.Join(root, "blog"), env
	stderr, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(stderr), `FAILED: target_metadata_cmd:1: the desired schema is not SQLite DDL: SERIAL, PostgreSQL's auto-increment type (SQLite would store NULL ids) in "CREATE TABLE author ( id SERIAL NOT NULL,`) {
		t.Errorf("PostgreSQL DDL against SQLite: %v, output:\n%s", err, stderr)
	}
}

// freshCopy copies the files of this checkout a clone would hold (tracked, and new files
// not ignored, so uncommitted work is what gets tested) into dir and commits them there,
// so that git describe works as in a clone.
func freshCopy(t *testing.T, dir string) string {
	t.Helper()
	top := strings.TrimSpace(mustRun(t, "..", nil, "git", "rev-parse", "--show-toplevel"))
	files := strings.Split(strings.TrimSpace(mustRun(t, top, nil, "git", "ls-files", "-co", "--exclude-standard")), "\n")
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(top, f))
		if err != nil {
			if os.IsNotExist(err) {
				continue // deleted in the work tree
			}
			t.Fatal(err)
		}
		fi, _ := os.Stat(filepath.Join(top, f))
		os.MkdirAll(filepath.Dir(filepath.Join(dir, f)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, f), data, fi.Mode().Perm()); err != nil {
			t.Fatal(err)
		}
	}
	git := []string{"-c", "user.name=readme test", "-c", "user.email=readme@test", "-c", "commit.gpgsign=false"}
	mustRun(t, dir, nil, "git", "init", "-q")
	mustRun(t, dir, nil, "git", "add", "-A")
	mustRun(t, dir, nil, "git", append(git, "commit", "-q", "-m", "fresh copy")...)
	return dir
}

// codeBlocks returns the ```sh blocks of a Markdown text.
func codeBlocks(md string) []string {
	var blocks []string
	for _, m := range regexp.MustCompile("(?ms)^```sh\n(.*?)^```$").FindAllStringSubmatch(md, -1) {
		blocks = append(blocks, m[1])
	}
	return blocks
}

// command is one command of a block: its text (with a here-document's lines) and the
// exit status its comment announces.
type command struct {
	text   string
	line   int
	status string
}

var (
	heredoc    = regexp.MustCompile(`<<-?'?(\w+)'?`)
	exitStatus = regexp.MustCompile(`#\s*exit status (\d+)`)
)

func splitCommands(block string) []command {
	var cmds []command
	lines := strings.Split(strings.TrimSuffix(block, "\n"), "\n")
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if strings.TrimSpace(l) == "" || strings.HasPrefix(strings.TrimSpace(l), "#") {
			continue
		}
		c := command{text: l, line: i + 1, status: "0"}
		if m := exitStatus.FindStringSubmatch(l); m != nil {
			c.status = m[1]
		}
		if m := heredoc.FindStringSubmatch(l); m != nil {
			for i++; i < len(lines); i++ {
				c.text += "\n" + lines[i]
				if lines[i] == m[1] {
					break
				}
			}
		}
		cmds = append(cmds, c)
	}
	return cmds
}

// commands is the first line of each command of a block, comments removed.
func commands(block string) []string {
	var out []string
	for _, c := range splitCommands(block) {
		first, _, _ := strings.Cut(c.text, "\n")
		first, _, _ = strings.Cut(first, "#")
		out = append(out, strings.TrimSpace(first))
	}
	return out
}

// runBlock runs a block's commands in one bash, in dir, stopping at the first command
// whose exit status is not the one announced.
func runBlock(t *testing.T, dir string, env []string, name, block string) {
	t.Helper()
	var script strings.Builder
	script.WriteString("__check() { if [ \"$1\" != \"$2\" ]; then echo \"__FAILED line $3: exit status $1, want $2\"; exit 1; fi; }\n")
	for _, c := range splitCommands(block) {
		fmt.Fprintf(&script, "echo %q\n%s\n__check $? %s %d\n", "$ "+strings.SplitN(c.text, "\n", 2)[0], c.text, c.status, c.line)
	}
	cmd := exec.Command("bash", "-c", script.String())
	cmd.Dir, cmd.Env = dir, env
	out, err := cmd.CombinedOutput()
	if err != nil || strings.Contains(string(out), "__FAILED") {
		t.Fatalf("%s: %v\n%s", name, err, out)
	}
}

func mustRun(t *testing.T, dir string, env []string, prog string, args ...string) string {
	t.Helper()
	cmd := exec.Command(prog, args...)
	cmd.Dir = dir
	if env != nil {
		cmd.Env = env
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", prog, args, err, out)
	}
	return string(out)
}

func setEnv(env []string, key, value string) []string {
	out := slices.DeleteFunc(slices.Clone(env), func(kv string) bool { return strings.HasPrefix(kv, key+"=") })
	return append(out, key+"="+value)
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func globFiles(t *testing.T, pattern string) []string {
	t.Helper()
	m, err := filepath.Glob(pattern)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// sqliteStrings is dbStrings on the SQLite database at path.
func sqliteStrings(t *testing.T, path, query string) []string {
	t.Helper()
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	return dbStrings(t, dbTarget{dialect: "sqlite", db: db}, query)
}
