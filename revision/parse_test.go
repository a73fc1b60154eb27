package revision

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/retort-dev/retort/sqlscript"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from the current output")

// parseResult is what the golden files record for one revision file: its header (or the
// header error) and both bodies (or their errors), paths made relative to testdata/files.
type parseResult struct {
	Error         string     `json:",omitempty"`
	ID            string     `json:",omitempty"`
	Down          []string   `json:",omitempty"`
	BranchLabels  []string   `json:",omitempty"`
	DependsOn     []string   `json:",omitempty"`
	Message       string     `json:",omitempty"`
	Doc           string     `json:",omitempty"`
	CreateDate    string     `json:",omitempty"`
	Transactional bool       `json:",omitempty"`
	Upgrade       *bodyValue `json:",omitempty"`
	Downgrade     *bodyValue `json:",omitempty"`
}

type bodyValue struct {
	Error      string   `json:",omitempty"`
	Statements []string `json:",omitempty"` // "<line>: <sql>"
}

func describe(dir string, f *File, err error) parseResult {
	rel := func(s string) string { return strings.ReplaceAll(s, dir+string(filepath.Separator), "") }
	if err != nil {
		return parseResult{Error: rel(err.Error())}
	}
	r := parseResult{
		ID: f.ID, Down: f.Down, BranchLabels: f.BranchLabels, DependsOn: f.DependsOn,
		Message: f.Message, Doc: f.Doc, CreateDate: f.CreateDate, Transactional: f.Transactional,
	}
	for _, up := range []bool{true, false} {
		var bv bodyValue
		stmts, err := f.Body(up, sqlscript.Generic)
		if err != nil {
			bv.Error = rel(err.Error())
		}
		for _, s := range stmts {
			bv.Statements = append(bv.Statements, strings.Join([]string{itoa(s.Line), s.SQL}, ": "))
		}
		if up {
			r.Upgrade = &bv
		} else {
			r.Downgrade = &bv
		}
	}
	return r
}

func readTestdata(rel string) (string, error) {
	b, err := os.ReadFile(filepath.Join("testdata", rel))
	return string(b), err
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

// TestParseGolden parses every file of testdata/files and compares header and bodies with
// testdata/golden/<name>.json (go test -run Golden -update rewrites them).
func TestParseGolden(t *testing.T) {
	dir, err := filepath.Abs(filepath.Join("testdata", "files"))
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		name := e.Name()
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			f, err := Parse(path, data)
			got := describe(dir, f, err)

			// The scan path reads only the header; it must agree with Parse.
			hf, _, herr := readHeader(openFile, path, make([]byte, 0, 16))
			if !reflect.DeepEqual(describe(dir, hf, herr), got) {
				t.Fatalf("readHeader disagrees with Parse:\n%+v\n%+v", describe(dir, hf, herr), got)
			}

			out, _ := json.MarshalIndent(got, "", "  ")
			out = append(out, '\n')
			golden := filepath.Join("testdata", "golden", name+".json")
			if *update {
				if err := os.WriteFile(golden, out, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create)", err)
			}
			if !bytes.Equal(out, want) {
				t.Fatalf("got\n%s\nwant\n%s", out, want)
			}
		})
	}
}

func TestScan(t *testing.T) {
	root := t.TempDir()
	write := func(rel, content string) {
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sqlRev := func(id string) string { return "-- m\n-- revision: " + id + "\n-- down_revision:\n" }
	write("v1/b.sql", sqlRev("b"))
	write("v1/a.py", "revision = 'a'\ndown_revision = None\n")
	write("v1/sub/c.sql", sqlRev("c"))
	write("v1/sub/deeper/d.sql", sqlRev("d"))
	write("v1/z.sql", sqlRev("z"))
	write("v1/.#a.py", "lock file")
	write("v1/__init__.py", "")
	write("v1/README", "not a revision")
	write("v1/__pycache__/x.sql", sqlRev("x"))
	write("v2/e.sql", sqlRev("e"))
	if err := os.Symlink(filepath.Join(root, "v2"), filepath.Join(root, "v2link")); err != nil {
		t.Fatal(err)
	}
	ids := func(files []*File) []string {
		var out []string
		for _, f := range files {
			out = append(out, f.ID)
		}
		return out
	}
	dirs := []string{filepath.Join(root, "v1"), filepath.Join(root, "missing"), filepath.Join(root, "v2"), filepath.Join(root, "v2link")}
	files, err := Scan(dirs, false)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ids(files), []string{"a", "b", "z", "e"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("flat scan = %q, want %q", got, want)
	}
	if files[0].Path != filepath.Join(root, "v1", "a.py") || files[0].Format != Python || files[1].Format != SQL {
		t.Fatalf("file[0] = %+v", files[0])
	}
	files, err = Scan(dirs, true)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ids(files), []string{"a", "b", "z", "c", "d", "e"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("recursive scan = %q, want %q", got, want)
	}

	write("v3/bad.sql", "-- no header keys\n")
	_, err = Scan([]string{filepath.Join(root, "v3")}, false)
	if want := filepath.Join(root, "v3", "bad.sql") + ": no '-- revision: <id>' line"; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("bad file error = %v", err)
	}
}

// TestLongHeaderRead checks that a header longer than the first read is read whole, and
// that a body is not needed to parse it.
func TestLongHeaderRead(t *testing.T) {
	var b strings.Builder
	b.WriteString("-- long doc\n")
	for b.Len() < 20000 {
		b.WriteString("-- padding line of the message body, long enough to cross reads\n")
	}
	b.WriteString("-- revision: late\n-- down_revision: x\n\n-- +upgrade\nSELECT 1;\n")
	p := filepath.Join(t.TempDir(), "late.sql")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	f, _, err := readHeader(openFile, p, nil)
	if err != nil || f.ID != "late" || !reflect.DeepEqual(f.Down, []string{"x"}) {
		t.Fatalf("got %+v, %v", f, err)
	}
	stmts, err := f.Body(true, sqlscript.Generic)
	if err != nil || len(stmts) != 1 || stmts[0].SQL != "SELECT 1" {
		t.Fatalf("body = %+v, %v", stmts, err)
	}
}
