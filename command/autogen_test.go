package command

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/retort-dev/retort/config"
)

// TestDesiredSchema reads target_metadata (file or folder, relative to the ini's
// directory) and target_metadata_cmd (run in the ini's directory) from a project whose
// ini lives in a directory other than the current one.
func TestDesiredSchema(t *testing.T) {
	files := map[string]string{
		"schema.sql":       "CREATE TABLE one (id integer);\n",
		"ddl/b.sql":        "CREATE TABLE b (id integer);\n",
		"ddl/a.sql":        "CREATE TABLE a (id integer);\n",
		"ddl/notes.txt":    "not SQL",
		"ddl/sub/c.sql":    "CREATE TABLE c (id integer);\n",
		"empty/readme.txt": "no SQL here",
	}
	tests := []struct {
		name    string
		ini     string
		want    []string // "name|sql" per script
		wantErr string   // substring of the error
	}{
		{"file", "target_metadata = schema.sql", []string{"schema.sql|" + files["schema.sql"]}, ""},
		{"here", "target_metadata = %(here)s/schema.sql", []string{"HERE/schema.sql|" + files["schema.sql"]}, ""},
		{"folder sorted, .sql only, not recursive", "target_metadata = ddl",
			[]string{"ddl/a.sql|" + files["ddl/a.sql"], "ddl/b.sql|" + files["ddl/b.sql"]}, ""},
		{"folder without sql", "target_metadata = empty", nil, "target_metadata: empty holds no .sql file"},
		{"missing file", "target_metadata = nope.sql", nil, "target_metadata: stat HERE/nope.sql: no such file or directory"},
		{"command in the ini's directory", "target_metadata_cmd = cat schema.sql ddl/a.sql",
			[]string{"target_metadata_cmd|" + files["schema.sql"] + files["ddl/a.sql"]}, ""},
		{"command failing", "target_metadata_cmd = echo first >&2; echo 'the reason' >&2; exit 2", nil,
			`target_metadata_cmd "echo first >&2; echo 'the reason' >&2; exit 2": exit status 2; last stderr: first | the reason`},
		{"command printing blanks", "target_metadata_cmd = echo", nil, `target_metadata_cmd "echo": printed no DDL`},
		{"both keys", "target_metadata = schema.sql\ntarget_metadata_cmd = cat schema.sql", nil,
			"HERE/alembic.ini: set only one of target_metadata and target_metadata_cmd"},
		{"dialect in the command", `target_metadata_cmd = echo "CREATE TABLE t_%(dialect)s (id integer); -- $RETORT_DIALECT"`,
			[]string{"target_metadata_cmd|CREATE TABLE t_sqlite (id integer); -- sqlite\n"}, ""},
		{"PostgreSQL DDL against SQLite", `target_metadata_cmd = printf 'CREATE TABLE ok (id INTEGER);\n\nCREATE TABLE user_account (\n  id SERIAL NOT NULL,\n  PRIMARY KEY (id));\n'`, nil,
			`target_metadata_cmd:3: the desired schema is not SQLite DDL: SERIAL, PostgreSQL's auto-increment type (SQLite would store NULL ids) in "CREATE TABLE user_account ( id SERIAL NOT NULL, PRIMARY KEY (id))"; print it for sqlite (target_metadata_cmd may use %(dialect)s or $RETORT_DIALECT)`},
		{"neither key", "", nil,
			"HERE/alembic.ini: autogenerate needs the desired schema: set target_metadata (a .sql file or folder) or target_metadata_cmd (a command printing DDL) in [alembic]"},
	}
	here := t.TempDir()
	for name, content := range files {
		writeTestFile(t, filepath.Join(here, name), content)
	}
	t.Chdir(t.TempDir()) // relative paths must not depend on the current directory
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ini := filepath.Join(here, "alembic.ini")
			writeTestFile(t, ini, "[alembic]\nscript_location = migrations\nsqlalchemy.url = sqlite:///app.db\n"+tt.ini+"\n")
			cfg, err := config.Load(ini, "alembic", nil)
			if err != nil {
				t.Fatal(err)
			}
			scripts, err := (&Project{Config: cfg}).DesiredSchema(context.Background())
			if tt.wantErr != "" {
				want := strings.ReplaceAll(tt.wantErr, "HERE", here)
				if err == nil || !strings.Contains(err.Error(), want) {
					t.Fatalf("error = %v, want %q", err, want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, s := range scripts {
				if s.FirstLine != 1 {
					t.Errorf("%s: FirstLine %d, want 1", s.Name, s.FirstLine)
				}
				got = append(got, strings.ReplaceAll(s.Name, here, "HERE")+"|"+s.SQL)
			}
			if strings.Join(got, "\n---\n") != strings.Join(tt.want, "\n---\n") {
				t.Errorf("scripts:\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

func TestChangesDetectedError(t *testing.T) {
	err := &ChangesDetectedError{Lines: []string{"create table a", "add column b.c integer"}}
	want := "New upgrade operations detected: create table a | add column b.c integer"
	if err.Error() != want {
		t.Errorf("got %q, want %q", err.Error(), want)
	}
}

func TestSameSet(t *testing.T) {
	tests := []struct {
		a, b []string
		want bool
	}{
		{nil, nil, true},
		{nil, []string{"a"}, false},
		{[]string{"b", "a"}, []string{"a", "b"}, true},
		{[]string{"a", "a"}, []string{"a"}, true},
		{[]string{"a"}, []string{"a", "b"}, false},
	}
	for _, tt := range tests {
		if got := sameSet(tt.a, tt.b); got != tt.want {
			t.Errorf("sameSet(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func writeTestFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
