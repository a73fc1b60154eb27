// Package oracle finds the real Alembic for differential tests. Without it the test is
// skipped with the reason, unless RETORT_REQUIRE_ALEMBIC=1 (set by CI), where it fails.
package oracle

import (
	"os"
	"os/exec"
	"testing"
)

// Alembic returns the path of the alembic executable, or skips/fails t.
func Alembic(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("alembic")
	if err != nil {
		if os.Getenv("RETORT_REQUIRE_ALEMBIC") == "1" {
			t.Fatalf("alembic required but not found on PATH: %v", err)
		}
		t.Skip("skipping: real Alembic not installed (apt-get install alembic python3-psycopg2)")
	}
	return p
}
