// Package oracle finds the real Alembic for differential tests. Without it the test is
// skipped with the reason, unless RETORT_REQUIRE_ALEMBIC=1 (set by CI), where it fails.
package oracle

import (
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
)

// ShortSkip is the reason tests that run a database server or the real Alembic give when
// they skip under `go test -short` (the quick pass; `make test` runs everything).
const ShortSkip = "skipping in -short mode: "

// Alembic returns the path of the alembic executable, or skips/fails t. It logs the
// release it found ("oracle: alembic 1.8.1"), so every differential test says which
// Alembic it ran against. Under -short it skips: every Alembic run starts Python (a
// quarter second or more).
func Alembic(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip(ShortSkip + "runs the real Alembic (make test runs it)")
	}
	p, err := exec.LookPath("alembic")
	if err != nil {
		if os.Getenv("RETORT_REQUIRE_ALEMBIC") == "1" {
			t.Fatalf("alembic required but not found on PATH: %v", err)
		}
		t.Skip("skipping: real Alembic not installed (apt-get install alembic python3-psycopg2)")
	}
	t.Logf("oracle: %s (%s)", Version(p), p)
	return p
}

var versions sync.Map // alembic path -> its --version line

// Version returns what `alembic --version` prints for the executable at path
// ("alembic 1.8.1"), run once per path.
func Version(path string) string {
	if v, ok := versions.Load(path); ok {
		return v.(string)
	}
	out, err := exec.Command(path, "--version").Output()
	v := strings.TrimSpace(string(out))
	if err != nil || v == "" {
		v = "alembic of unknown version"
	}
	versions.Store(path, v)
	return v
}

// AlembicPython returns the Python interpreter the alembic executable runs with (from its
// #! line), for tests that drive Alembic's own classes; it skips/fails t like Alembic.
func AlembicPython(t testing.TB) string {
	t.Helper()
	script := Alembic(t)
	data, err := os.ReadFile(script)
	if err == nil {
		if line, _, _ := strings.Cut(string(data), "\n"); strings.HasPrefix(line, "#!") {
			if fields := strings.Fields(strings.TrimPrefix(line, "#!")); len(fields) > 0 {
				return fields[0]
			}
		}
	}
	if os.Getenv("RETORT_REQUIRE_ALEMBIC") == "1" {
		t.Fatalf("cannot find the Python interpreter of %s", script)
	}
	t.Skipf("skipping: cannot find the Python interpreter of %s", script)
	return ""
}
