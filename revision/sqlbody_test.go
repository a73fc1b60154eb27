package revision

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/retort-dev/retort/sqlscript"
)

// TestBodyOptions: a .sql section is split under the options of the database it runs
// on, and a syntax error names the file, the line and the problem.
func TestBodyOptions(t *testing.T) {
	write := func(name, body string) *File {
		p := filepath.Join(t.TempDir(), name)
		src := "-- m\n-- revision: r1\n-- down_revision:\n\n-- +upgrade\n" + body
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		f, _, err := readHeader(openFile, p, nil)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	f := write("r1_proc.sql", "# a procedure\nDELIMITER $$\nCREATE PROCEDURE p() BEGIN SELECT 'a\\'; b'; END$$\nDELIMITER ;\nSELECT 2;\n")
	got, err := f.Body(true, sqlscript.MySQL)
	want := []sqlscript.Statement{{SQL: "CREATE PROCEDURE p() BEGIN SELECT 'a\\'; b'; END", Line: 8}, {SQL: "SELECT 2", Line: 10}}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("MySQL body = %+v, %v; want %+v", got, err, want)
	}
	if got, err := f.Body(true, sqlscript.PostgreSQL); err == nil && reflect.DeepEqual(got, want) {
		t.Errorf("PostgreSQL's rules read MySQL's DELIMITER block alike: %+v", got)
	}

	f = write("r1_bad.sql", "SELECT 1;\nDELIMITER\nSELECT 2;\n")
	if _, err := f.Body(true, sqlscript.MySQL); err == nil || err.Error() != f.Path+":7: DELIMITER needs a delimiter without backslashes" {
		t.Errorf("error = %v", err)
	}
	f = write("r1_quote.sql", "SELECT 1;\nSELECT 'x;\n")
	if _, err := f.Body(true, sqlscript.SQLite); err == nil || err.Error() != f.Path+":7: unterminated quoted string" {
		t.Errorf("error = %v", err)
	}
}
