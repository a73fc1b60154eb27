package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestVersionLocations: a new root needs --version-path, a missing location is created,
// a child goes next to its parent, and locations load in configured order.
func TestVersionLocations(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "alembic.ini", testIni+"version_locations = %(here)s/v1 %(here)s/v2\n")
	writeFile(t, dir, "migrations/README", "x")
	steps := []struct {
		args []string
		want string
	}{
		{[]string{"revision", "-m", "root", "--version-path", "v2", "--rev-id", "r1"},
			"Creating directory $DIR/v2 ...  done\nGenerating $DIR/v2/r1_root.sql ...  done\n"},
		{[]string{"revision", "-m", "child", "--rev-id", "r2"},
			"Generating $DIR/v2/r2_child.sql ...  done\n"},
		{[]string{"revision", "-m", "other root", "--head", "base", "--version-path", filepath.Join(dir, "v1"), "--rev-id", "r3"},
			"Creating directory $DIR/v1 ...  done\nGenerating $DIR/v1/r3_other_root.sql ...  done\n"},
		{[]string{"heads"}, "r3 (head)\nr2 (head)\n"},
		{[]string{"history"}, "<base> -> r3 (head), other root\nr1 -> r2 (head), child\n<base> -> r1, root\n"},
	}
	for _, s := range steps {
		if got, want := mustRetort(t, dir, s.args...), strings.ReplaceAll(s.want, "$DIR", dir); got != want {
			t.Errorf("retort %s:\n%s\nwant:\n%s", strings.Join(s.args, " "), got, want)
		}
	}
}

// TestPostWriteHook runs an exec hook on the new file with Alembic's status lines.
func TestPostWriteHook(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "mark.sh", "#!/bin/sh\necho '-- hooked' >> \"$1\"\n")
	if err := os.Chmod(filepath.Join(dir, "mark.sh"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "alembic.ini", testIni+"\n[post_write_hooks]\nhooks = mark\nmark.type = exec\nmark.executable = %(here)s/mark.sh\nmark.options = REVISION_SCRIPT_FILENAME\n")
	if err := os.MkdirAll(filepath.Join(dir, "migrations", "versions"), 0o755); err != nil {
		t.Fatal(err)
	}
	got := mustRetort(t, dir, "revision", "-m", "hooked", "--rev-id", "h1")
	path := filepath.Join(dir, "migrations", "versions", "h1_hooked.sql")
	if want := "Generating " + path + " ...  done\nRunning post write hook \"mark\" ...\n  done\n"; got != want {
		t.Errorf("revision printed:\n%s\nwant:\n%s", got, want)
	}
	if b, _ := os.ReadFile(path); !strings.HasSuffix(string(b), "\n-- hooked\n") {
		t.Errorf("the hook did not run on the new file:\n%s", b)
	}
}

// TestRevisionHeader checks what revision writes: labels, resolved dependencies (a label
// stays a label), merge parents, "empty message", and a zone offset with timezone set.
func TestRevisionHeader(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "alembic.ini", testIni+"timezone = UTC\n")
	writeFile(t, dir, "migrations/README", "x")
	mustRetort(t, dir, "revision", "-m", "first", "--rev-id", "aaaa0001", "--branch-label", "core")
	mustRetort(t, dir, "revision", "--head", "base", "-m", "lib", "--rev-id", "bbbb0001")
	mustRetort(t, dir, "revision", "--head", "aaaa0001", "--depends-on", "bbbb", "--depends-on", "core", "--rev-id", "cccc0001")
	mustRetort(t, dir, "merge", "heads", "-m", "join", "--rev-id", "dddd0001")
	tests := []struct{ file, header string }{
		{"aaaa0001_first.sql", "-- first\n--\n-- revision: aaaa0001\n-- down_revision:\n-- branch_labels: core\n-- depends_on:\n-- create_date: DATE\n"},
		{"cccc0001_.sql", "-- empty message\n--\n-- revision: cccc0001\n-- down_revision: aaaa0001\n-- branch_labels:\n-- depends_on: bbbb0001, core\n-- create_date: DATE\n"},
		{"dddd0001_join.sql", "-- join\n--\n-- revision: dddd0001\n-- down_revision: cccc0001\n-- branch_labels:\n-- depends_on:\n-- create_date: DATE\n"},
	}
	date := regexp.MustCompile(`(?m)^-- create_date: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{6})?\+00:00$`)
	for _, tt := range tests {
		b, err := os.ReadFile(filepath.Join(dir, "migrations", "versions", tt.file))
		if err != nil {
			t.Fatal(err)
		}
		got := date.ReplaceAllString(string(b), "-- create_date: DATE")
		if !strings.HasPrefix(got, tt.header) {
			t.Errorf("%s starts:\n%s\nwant:\n%s", tt.file, got, tt.header)
		}
	}
}
