package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestVersion(t *testing.T) {
	out := mustRetort(t, t.TempDir(), "--version")
	if !regexp.MustCompile(`^retort \S+\n$`).MatchString(out) {
		t.Errorf("--version printed %q", out)
	}
}

func TestListTemplates(t *testing.T) {
	want := `Available templates:

generic - Generic single-database configuration.

Templates are used via the 'init' command, e.g.:

  retort init --template generic ./scripts
`
	if got := mustRetort(t, t.TempDir(), "list_templates"); got != want {
		t.Errorf("list_templates:\n%s\nwant:\n%s", got, want)
	}
}

// TestInitThenRevision follows the tutorial: init prints Alembic's status lines, the new
// project loads with no revision, and revision writes a .sql file with the header.
func TestInitThenRevision(t *testing.T) {
	dir := t.TempDir()
	got := mustRetort(t, dir, "init", "migrations")
	want := strings.ReplaceAll(`Creating directory $DIR/migrations ...  done
Creating directory $DIR/migrations/versions ...  done
Generating $DIR/migrations/README ...  done
Generating $DIR/alembic.ini ...  done
Generating $DIR/migrations/script.sql.tmpl ...  done
Please edit configuration/connection/logging settings in '$DIR/alembic.ini' before proceeding.
`, "$DIR", dir)
	if got != want {
		t.Fatalf("init printed:\n%s\nwant:\n%s", got, want)
	}
	ini, err := os.ReadFile(filepath.Join(dir, "alembic.ini"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{"script_location = %(here)s/migrations", "sqlalchemy.url = sqlite:///%(here)s/app.db"} {
		if !strings.Contains(string(ini), "\n"+line+"\n") {
			t.Errorf("alembic.ini lacks %q", line)
		}
	}
	if out := mustRetort(t, dir, "heads"); out != "" {
		t.Errorf("heads of an empty project printed %q", out)
	}

	// From another directory, through -c: script_location is relative to the ini.
	elsewhere := t.TempDir()
	out := mustRetort(t, elsewhere, "-c", filepath.Join(dir, "alembic.ini"), "revision", "-m", "create account table")
	m := regexp.MustCompile(`^Generating (\S+/migrations/versions/([0-9a-f]{12})_create_account_table\.sql) \.\.\.  done\n$`).FindStringSubmatch(out)
	if m == nil || !strings.HasPrefix(m[1], dir) {
		t.Fatalf("revision printed %q", out)
	}
	body, err := os.ReadFile(m[1])
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{"-- create account table", "-- revision: " + m[2], "-- down_revision:", "-- +upgrade", "-- +downgrade"} {
		if !strings.Contains(string(body), line+"\n") {
			t.Errorf("new revision lacks line %q:\n%s", line, body)
		}
	}
	if got, want := mustRetort(t, dir, "heads"), m[2]+" (head)\n"; got != want {
		t.Errorf("heads = %q, want %q", got, want)
	}
	if got, want := mustRetort(t, dir, "history"), "<base> -> "+m[2]+" (head), create account table\n"; got != want {
		t.Errorf("history = %q, want %q", got, want)
	}
}

// TestInitExistingIni leaves an existing ini alone, as Alembic does.
func TestInitExistingIni(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "alembic.ini", testIni)
	got := mustRetort(t, dir, "init", "migrations")
	if want := "File " + filepath.Join(dir, "alembic.ini") + " already exists, skipping\n"; !strings.Contains(got, want) {
		t.Errorf("init printed:\n%s\nwant a line %q", got, want)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "alembic.ini")); string(b) != testIni {
		t.Errorf("init rewrote the existing ini")
	}
}

// TestAlembicConfigEnv finds the ini through $ALEMBIC_CONFIG when -c is not given.
func TestAlembicConfigEnv(t *testing.T) {
	dir := project(t, map[string]string{"a1.sql": sqlRevision("aaaa0001", "", "")})
	r := runEnv(t, t.TempDir(), []string{"ALEMBIC_CONFIG=" + filepath.Join(dir, "alembic.ini")}, bin, "heads")
	if r.code != 0 || r.stdout != "aaaa0001 (head)\n" || r.stderr != "" {
		t.Errorf("heads with ALEMBIC_CONFIG: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}

func TestQuiet(t *testing.T) {
	dir := t.TempDir()
	if out := mustRetort(t, dir, "-q", "init", "migrations"); out != "" {
		t.Errorf("-q init printed %q", out)
	}
	if _, err := os.Stat(filepath.Join(dir, "migrations", "versions")); err != nil {
		t.Errorf("-q init did not create the project: %v", err)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{{}, {"nosuchcommand"}, {"heads", "--nosuchflag"}, {"show"}, {"heads", "extra"}} {
		r := retort(t, t.TempDir(), args...)
		if r.code != 2 || !strings.Contains(r.stderr, "retort: error: ") {
			t.Errorf("retort %v: exit %d, stderr %q; want exit 2 and a 'retort: error:' line", args, r.code, r.stderr)
		}
	}
}

// TestEdit opens every file the identifier designates in $EDITOR, one run per file.
func TestEdit(t *testing.T) {
	dir := project(t, map[string]string{
		"a1.sql": sqlRevision("aaaa0001", "", ""),
		"b1.sql": sqlRevision("bbbb0001", "aaaa0001", ""),
		"c1.sql": sqlRevision("cccc0001", "aaaa0001", ""),
	})
	log := filepath.Join(dir, "edited.log")
	editor := filepath.Join(dir, "fake-editor")
	writeFile(t, dir, "fake-editor", "#!/bin/sh\necho \"$1\" >> "+log+"\n")
	if err := os.Chmod(editor, 0o755); err != nil {
		t.Fatal(err)
	}
	r := runEnv(t, dir, []string{"EDITOR=" + editor}, bin, "edit", "heads")
	if r.code != 0 || r.stdout != "" || r.stderr != "" {
		t.Fatalf("edit heads: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	got, _ := os.ReadFile(log)
	versions := filepath.Join(dir, "migrations", "versions")
	if want := filepath.Join(versions, "b1.sql") + "\n" + filepath.Join(versions, "c1.sql") + "\n"; string(got) != want {
		t.Errorf("editor was run on:\n%s\nwant:\n%s", got, want)
	}
}

// TestEditFailure reports a failing editor as Alembic does.
func TestEditFailure(t *testing.T) {
	dir := project(t, map[string]string{"a1.sql": sqlRevision("aaaa0001", "", "")})
	editor := filepath.Join(dir, "failing-editor")
	writeFile(t, dir, "failing-editor", "#!/bin/sh\nexit 3\n")
	if err := os.Chmod(editor, 0o755); err != nil {
		t.Fatal(err)
	}
	r := runEnv(t, dir, []string{"EDITOR=" + editor}, bin, "edit", "head")
	want := "FAILED: Error executing editor (Command '['" + editor + "', '" +
		filepath.Join(dir, "migrations", "versions", "a1.sql") + "']' returned non-zero exit status 3.)\n"
	if r.code != 1 || r.stdout != "" || r.stderr != want {
		t.Errorf("edit with a failing editor: exit %d, stdout %q, stderr %q; want stderr %q", r.code, r.stdout, r.stderr, want)
	}
}
