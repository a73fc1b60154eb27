package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeFile writes a file under dir, creating its directory.
func writeFile(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

const testIni = "[alembic]\nscript_location = %(here)s/migrations\nsqlalchemy.url = sqlite:///%(here)s/app.db\n"

// sqlRevision is a revision file in the design's format.
func sqlRevision(id, down, extra string) string {
	return "-- " + id + "\n--\n-- revision: " + id + "\n-- down_revision: " + down + "\n" + extra +
		"\n-- +upgrade\nSELECT 1;\n\n-- +downgrade\nSELECT 1;\n"
}

// project writes an ini and the given revision files (name -> content) into a new directory.
func project(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, dir, "alembic.ini", testIni)
	if err := os.MkdirAll(filepath.Join(dir, "migrations", "versions"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, content := range files {
		writeFile(t, dir, filepath.Join("migrations", "versions", name), content)
	}
	return dir
}

// TestBadInput checks that every kind of bad input gets one line "FAILED: <message>" on
// stderr, exit status 1 and nothing on stdout. $DIR stands for the project directory.
func TestBadInput(t *testing.T) {
	linear := map[string]string{
		"a1_first.sql":  sqlRevision("aaaa0001", "", ""),
		"a2_second.sql": sqlRevision("aaaa0002", "aaaa0001", ""),
	}
	twoHeads := map[string]string{
		"a1.sql": sqlRevision("aaaa0001", "", ""),
		"b1.sql": sqlRevision("bbbb0001", "aaaa0001", ""),
		"c1.sql": sqlRevision("cccc0001", "aaaa0001", ""),
	}
	tests := []struct {
		name  string
		setup func(t *testing.T) string
		args  []string
		want  string
	}{
		{"missing ini", func(t *testing.T) string { return t.TempDir() }, []string{"heads"},
			"No config file 'alembic.ini' found, or file has no '[alembic]' section"},
		{"missing ini given with -c", func(t *testing.T) string { return t.TempDir() }, []string{"-c", "other.ini", "history"},
			"No config file 'other.ini' found, or file has no '[alembic]' section"},
		{"missing -n section", func(t *testing.T) string { return project(t, nil) }, []string{"-n", "db2", "heads"},
			"No config file 'alembic.ini' found, or file has no '[db2]' section"},
		{"missing script_location", func(t *testing.T) string {
			dir := t.TempDir()
			writeFile(t, dir, "alembic.ini", "[alembic]\nsqlalchemy.url = sqlite://\n")
			return dir
		}, []string{"heads"}, "No 'script_location' key found in configuration."},
		{"script directory missing", func(t *testing.T) string {
			dir := t.TempDir()
			writeFile(t, dir, "alembic.ini", testIni)
			return dir
		}, []string{"heads"}, "Path doesn't exist: '$DIR/migrations'.  Please use the 'init' command to create a new scripts folder."},
		{"unknown template", func(t *testing.T) string { return t.TempDir() }, []string{"init", "-t", "nope", "migrations"},
			"No such template 'nope'"},
		{"non-empty init directory", func(t *testing.T) string {
			dir := t.TempDir()
			writeFile(t, dir, "migrations/keep.txt", "x")
			return dir
		}, []string{"init", "migrations"}, "Directory migrations already exists and is not empty"},
		{"revision file without revision header", func(t *testing.T) string {
			return project(t, map[string]string{"x_broken.sql": "-- broken\n--\n-- down_revision:\n\n-- +upgrade\nSELECT 1;\n"})
		}, []string{"heads"}, "$DIR/migrations/versions/x_broken.sql: no '-- revision: <id>' line in the header (the leading '--' comment lines)"},
		{"duplicate revision id", func(t *testing.T) string {
			return project(t, map[string]string{
				"a1.sql": sqlRevision("aaaa0001", "", ""),
				"a2.sql": sqlRevision("aaaa0001", "", ""),
			})
		}, []string{"history"}, "Revision aaaa0001 is present more than once: $DIR/migrations/versions/a1.sql, $DIR/migrations/versions/a2.sql"},
		{"cycle", func(t *testing.T) string {
			return project(t, map[string]string{
				"a0.sql": sqlRevision("aaaa0000", "", ""),
				"a1.sql": sqlRevision("aaaa0001", "aaaa0002", ""),
				"a2.sql": sqlRevision("aaaa0002", "aaaa0001", ""),
			})
		}, []string{"heads"}, "Cycle is detected in revisions (aaaa0001, aaaa0002)"},
		{"dangling down_revision", func(t *testing.T) string {
			return project(t, map[string]string{"a1.sql": sqlRevision("aaaa0001", "ffff9999", "")})
		}, []string{"heads"}, "Revision ffff9999 referenced from $DIR/migrations/versions/a1.sql is not present"},
		{"unknown identifier", func(t *testing.T) string { return project(t, linear) }, []string{"show", "zzzz"},
			"Can't locate revision identified by 'zzzz'"},
		{"ambiguous prefix", func(t *testing.T) string { return project(t, linear) }, []string{"show", "aaaa"},
			"Can't locate revision identified by 'aaaa'"},
		{"unknown history range end", func(t *testing.T) string { return project(t, linear) }, []string{"history", "-r", "zzzz:"},
			"Can't locate revision identified by 'zzzz'"},
		{"history range without colon", func(t *testing.T) string { return project(t, linear) }, []string{"history", "-r", "aaaa0001"},
			"History range requires [start]:[end], [start]:, or :[end]"},
		{"several heads for revision", func(t *testing.T) string { return project(t, twoHeads) }, []string{"revision", "-m", "x"},
			"Multiple heads are present; please specify the head revision on which the new revision should be based, or perform a merge."},
		{"several heads for show head", func(t *testing.T) string { return project(t, twoHeads) }, []string{"show", "head"},
			"Multiple head revisions are present for given argument 'head'; please specify a specific target revision, '<branchname>@head' to narrow to a specific head, or 'heads' for all heads"},
		{"revision on a non-head", func(t *testing.T) string { return project(t, linear) }, []string{"revision", "--head", "aaaa0001", "-m", "x"},
			"Revision aaaa0001 is not a head revision; please specify --splice to create a new branch from this revision"},
		{"invalid --rev-id", func(t *testing.T) string { return project(t, linear) }, []string{"revision", "--rev-id", "a-b", "-m", "x"},
			"Character(s) '-' not allowed in revision identifier 'a-b'"},
		{"existing --rev-id", func(t *testing.T) string { return project(t, linear) }, []string{"revision", "--rev-id", "aaaa0002", "--head", "base", "-m", "x"},
			"Revision aaaa0002 is present more than once: $DIR/migrations/versions/a2_second.sql"},
		{"--version-path outside the locations", func(t *testing.T) string { return project(t, linear) }, []string{"revision", "--version-path", "elsewhere", "-m", "x"},
			"Path elsewhere is not represented in current version locations"},
		{"several version locations", func(t *testing.T) string {
			dir := t.TempDir()
			writeFile(t, dir, "alembic.ini", testIni+"version_locations = %(here)s/v1 %(here)s/v2\n")
			writeFile(t, dir, "migrations/README", "x")
			return dir
		}, []string{"revision", "-m", "x"}, "Multiple version locations present, please specify --version-path"},
		{"--sql without revision_environment", func(t *testing.T) string { return project(t, linear) }, []string{"revision", "--sql", "-m", "x"},
			"Using --sql with the revision command when revision_environment is not configured does not make any sense"},
		{"branch label used twice", func(t *testing.T) string {
			return project(t, map[string]string{"a1.sql": sqlRevision("aaaa0001", "", "-- branch_labels: lib\n")})
		}, []string{"revision", "--head", "base", "--branch-label", "lib", "--rev-id", "bbbb0001"},
			"Branch name 'lib' in revision bbbb0001 already used by revision aaaa0001"},
		{"merge of one revision twice", func(t *testing.T) string { return project(t, linear) }, []string{"merge", "aaaa0002", "aaaa0002"},
			"Duplicate head revisions specified"},
		{"unknown --depends-on", func(t *testing.T) string { return project(t, linear) }, []string{"revision", "--depends-on", "zzzz", "-m", "x"},
			"Can't locate revision identified by 'zzzz'"},
		{"--depends-on value with a comma is one identifier", func(t *testing.T) string { return project(t, linear) },
			[]string{"revision", "--depends-on", "aaaa0001,aaaa0002", "-m", "x"},
			"Can't locate revision identified by 'aaaa0001,aaaa0002'"},
		{"edit of nothing", func(t *testing.T) string { return project(t, linear) }, []string{"edit", "base"},
			"No revision files indicated by symbol 'base'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := tt.setup(t)
			before := countFiles(t, dir)
			r := retort(t, dir, tt.args...)
			want := "FAILED: " + strings.ReplaceAll(tt.want, "$DIR", dir) + "\n"
			if r.code != 1 || r.stdout != "" || r.stderr != want {
				t.Errorf("retort %s\n got: exit %d, stdout %q, stderr %q\nwant: exit 1, stdout \"\", stderr %q",
					strings.Join(tt.args, " "), r.code, r.stdout, r.stderr, want)
			}
			if after := countFiles(t, dir); after != before {
				t.Errorf("the failed command changed the project: %d files before, %d after", before, after)
			}
		})
	}
}

// countFiles counts the files and directories under dir.
func countFiles(t *testing.T, dir string) int {
	t.Helper()
	n := 0
	err := filepath.WalkDir(dir, func(string, os.DirEntry, error) error { n++; return nil })
	if err != nil {
		t.Fatal(err)
	}
	return n
}
