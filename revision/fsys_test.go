package revision

import (
	"reflect"
	"testing"
	"testing/fstest"

	"github.com/retort-dev/retort/sqlscript"
)

func TestScanFS(t *testing.T) {
	fsys := fstest.MapFS{
		"migrations/versions/b_two.sql": {Data: []byte("-- two\n-- revision: b\n-- down_revision: a\n\n-- +upgrade\nSELECT 2;\n")},
		"migrations/versions/a_one.py":  {Data: []byte("revision = 'a'\ndown_revision = None\ndef upgrade():\n    op.execute('SELECT 1')\n")},
		"migrations/versions/README":    {Data: []byte("not a revision")},
		"migrations/versions/sub/c.sql": {Data: []byte("-- revision: c\n")},
	}
	files, err := ScanFS(fsys, "migrations/versions")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range files {
		stmts, err := f.Body(true, sqlscript.Generic)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, f.Path+" "+f.ID+" "+stmts[0].SQL)
	}
	want := []string{"migrations/versions/a_one.py a SELECT 1", "migrations/versions/b_two.sql b SELECT 2"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}
}
