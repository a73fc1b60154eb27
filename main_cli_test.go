package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// retort runs the command line in-process and returns stdout, stderr and the exit status.
func retort(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), append([]string{"retort"}, args...), &out, &errb)
	return out.String(), errb.String(), code
}

func TestUnknownCommandSuggests(t *testing.T) {
	for typo, want := range map[string]string{"upgarde": "upgrade", "histroy": "history", "curent": "current", "head": "heads"} {
		_, stderr, code := retort(t, typo)
		if code != 2 || !strings.HasPrefix(stderr, "retort: error: invalid choice: '"+typo+"' (did you mean '"+want+"'?); commands: init, list_templates, revision, merge, upgrade, downgrade,") ||
			strings.Count(stderr, "\n") != 1 {
			t.Errorf("%s: exit %d, stderr:\n%s", typo, code, stderr)
		}
	}
	_, stderr, code := retort(t, "frobnicate")
	if code != 2 || strings.Contains(stderr, "did you mean") || !strings.Contains(stderr, "commands: ") {
		t.Errorf("no near command: exit %d, stderr:\n%s", code, stderr)
	}
}

func TestHelpCommand(t *testing.T) {
	app := newApp(&bytes.Buffer{}, &bytes.Buffer{})
	for _, c := range app.Commands {
		stdout, stderr, code := retort(t, "help", c.Name)
		if code != 0 || stderr != "" || !strings.Contains(stdout, "retort "+c.Name+" - ") {
			t.Errorf("help %s: exit %d, stderr %q, stdout:\n%s", c.Name, code, stderr, stdout)
		}
		// every command's help shows how it is used
		if !regexp.MustCompile(`\n   Examples:\n     \S.* # `).MatchString(stdout) {
			t.Errorf("help %s has no examples:\n%s", c.Name, stdout)
		}
		if h, _, _ := retort(t, c.Name, "--help"); c.Name != "help" && h != stdout {
			t.Errorf("%s --help differs from help %s", c.Name, c.Name)
		}
	}
}

func TestCompletion(t *testing.T) {
	for shell, want := range map[string]string{
		"bash": "complete -o default -F _retort_complete retort\n",
		"zsh":  "compdef _retort retort\n",
		"fish": "complete -r -c retort -n '__fish_retort_no_subcommand' -a 'upgrade' -d 'upgrade to a later version'\n",
	} {
		stdout, stderr, code := retort(t, "completion", shell)
		if code != 0 || stderr != "" || !strings.Contains(stdout, want) {
			t.Errorf("completion %s: exit %d, stderr %q; want %q in:\n%s", shell, code, stderr, want, stdout)
		}
	}
	if _, stderr, code := retort(t, "completion", "tcsh"); code != 2 || !strings.Contains(stderr, "unknown shell 'tcsh'") {
		t.Errorf("completion tcsh: exit %d, %q", code, stderr)
	}
}

// project makes a project with two revisions and returns its ini path and directory.
func project(t *testing.T) (ini, dir string) {
	t.Helper()
	t.Setenv("DATABASE_URL", "")
	t.Setenv("ALEMBIC_CONFIG", "")
	dir = t.TempDir()
	ini = filepath.Join(dir, "alembic.ini")
	for _, args := range [][]string{
		{"init", filepath.Join(dir, "migrations")},
		{"revision", "-m", "create account", "--rev-id", "aaa1"},
		{"revision", "-m", "add name", "--rev-id", "bbb2"},
	} {
		if _, stderr, code := retort(t, append([]string{"-c", ini}, args...)...); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
	}
	write(t, filepath.Join(dir, "migrations", "versions", "aaa1_create_account.sql"),
		"-- create account\n-- revision: aaa1\n-- down_revision:\n\n-- +upgrade\nCREATE TABLE account (id INTEGER PRIMARY KEY);\n-- +downgrade\nDROP TABLE account;\n")
	return ini, dir
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func lines(s string) []string { return strings.Split(strings.TrimSuffix(s, "\n"), "\n") }

// TestDatabaseLogLine: the first log line of every database command names the database
// and where its URL came from.
func TestDatabaseLogLine(t *testing.T) {
	ini, dir := project(t)
	fromIni := "INFO  [retort] Database sqlite:///" + dir + "/app.db (from sqlalchemy.url in " + ini + ")"
	for _, args := range [][]string{{"upgrade", "head"}, {"current"}, {"history", "-i"}, {"show", "current"}, {"downgrade", "-1"}, {"stamp", "head"}, {"upgrade", "aaa1:head", "--sql"}, {"ensure_version"}} {
		_, stderr, code := retort(t, append([]string{"-c", ini}, args...)...)
		if code != 0 || lines(stderr)[0] != fromIni {
			t.Errorf("%v: exit %d, first line %q, want %q", args, code, lines(stderr)[0], fromIni)
		}
	}
	t.Setenv("DATABASE_URL", "postgresql://app:s3cret@db.example:5432/prod")
	_, stderr, _ := retort(t, "-c", ini, "upgrade", "aaa1:head", "--sql")
	if want := "INFO  [retort] Database postgresql://app:XXXXX@db.example:5432/prod (from $DATABASE_URL, overriding sqlalchemy.url in " + ini + ")"; lines(stderr)[0] != want {
		t.Errorf("DATABASE_URL: first line %q, want %q", lines(stderr)[0], want)
	}
	t.Setenv("DATABASE_URL", "")
	_, stderr, _ = retort(t, "-c", ini, "-x", "url=sqlite:///"+dir+"/other.db", "current")
	if want := "INFO  [retort] Database sqlite:///" + dir + "/other.db (from -x url, overriding sqlalchemy.url in " + ini + ")"; lines(stderr)[0] != want {
		t.Errorf("-x url: first line %q, want %q", lines(stderr)[0], want)
	}
}

// TestLogLevels: -q and the ini's [logger_alembic] level decide what stderr shows; a run
// ends with a summary line.
func TestLogLevels(t *testing.T) {
	ini, _ := project(t)
	_, stderr, code := retort(t, "-c", ini, "upgrade", "+1")
	l := lines(stderr)
	if code != 0 || !strings.Contains(stderr, "INFO  [alembic.runtime.migration] Running upgrade  -> aaa1, create account\n") ||
		!regexp.MustCompile(`^INFO  \[retort\] upgrade: 1 revision applied in \d+\.\d\ds$`).MatchString(l[len(l)-1]) {
		t.Fatalf("upgrade +1: exit %d, stderr:\n%s", code, stderr)
	}
	stdout, stderr, code := retort(t, "-q", "-c", ini, "upgrade", "head")
	if code != 0 || stdout != "" || stderr != "" {
		t.Errorf("-q upgrade: exit %d, stdout %q, stderr %q; want silence", code, stdout, stderr)
	}
	stdout, _, _ = retort(t, "-q", "-c", ini, "heads", "--json")
	if !strings.Contains(stdout, `"revision": "bbb2"`) {
		t.Errorf("-q heads --json must still print the document: %q", stdout)
	}
	data, _ := os.ReadFile(ini)
	write(t, ini, strings.Replace(string(data), "[logger_alembic]\nlevel = INFO", "[logger_alembic]\nlevel = WARN", 1))
	_, stderr, code = retort(t, "-c", ini, "downgrade", "base")
	if code != 0 || stderr != "" {
		t.Errorf("[logger_alembic] level = WARN: exit %d, stderr %q; want no INFO lines", code, stderr)
	}
	write(t, ini, strings.Replace(string(data), "[logger_alembic]\nlevel = INFO", "[logger_alembic]\nlevel = LOUD", 1))
	_, stderr, code = retort(t, "-c", ini, "heads")
	if code != 1 || stderr != "FAILED: "+ini+": [logger_alembic] level: 'LOUD' is not a logging level (DEBUG, INFO, WARN, ERROR, CRITICAL, NOTSET)\n" {
		t.Errorf("bad level: exit %d, stderr %q", code, stderr)
	}
}
