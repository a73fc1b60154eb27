package revision

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCallsGolden reads the bodies of every testdata/pycalls/*.py as calls and compares
// them, one line per call ("<line> [batch <call>] <call>") or the error, with
// testdata/pycalls/<name>.golden (-update rewrites them).
func TestCallsGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "pycalls", "*.py"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no test files")
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			m, err := parsePython(filepath.Base(path), data)
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for _, up := range []bool{true, false} {
				fmt.Fprintf(&b, "upgrade=%v\n", up)
				calls, err := m.calls(up)
				if err != nil {
					fmt.Fprintf(&b, "error: %v\n", err)
				}
				for _, c := range calls {
					batch := ""
					if c.Batch != nil {
						batch = "batch " + c.Batch.String() + " "
					}
					if c.Autocommit {
						batch = "autocommit " + batch
					}
					fmt.Fprintf(&b, "%s %s%s [op %s]\n", c.Where(), batch, c.String(), c.Op)
				}
			}
			golden := strings.TrimSuffix(path, ".py") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if b.String() != string(want) {
				t.Errorf("got\n%s\nwant\n%s", b.String(), want)
			}
		})
	}
}

func TestExecuteSQL(t *testing.T) {
	tests := []struct{ src, want, wantErr string }{
		{src: `op.execute("SELECT 1;")`, want: "SELECT 1"},
		{src: `op.execute(sa.text('SELECT 2'))`, want: "SELECT 2"},
		{src: `op.execute(text("SELECT 3"),)`, want: "SELECT 3"},
		{src: `op.execute(sa.func("x"))`, wantErr: `m.py:4: op.execute() needs one string literal or sa.text("...") argument`},
		{src: `op.execute("a", "b")`, wantErr: `m.py:4: op.execute() needs one string literal or sa.text("...") argument`},
	}
	for _, tt := range tests {
		m, err := parsePython("m.py", []byte("revision = 'r'\ndown_revision = None\ndef upgrade():\n    "+tt.src+"\n"))
		if err != nil {
			t.Fatal(err)
		}
		calls, err := m.calls(true)
		if err != nil || len(calls) != 1 {
			t.Fatalf("%s: calls = %v, %v", tt.src, calls, err)
		}
		got, err := ExecuteSQL(calls[0])
		if tt.wantErr != "" {
			if err == nil || err.Error() != tt.wantErr {
				t.Errorf("%s: err = %v, want %s", tt.src, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%s = %q, %v; want %q", tt.src, got, err, tt.want)
		}
	}
}
