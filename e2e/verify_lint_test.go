package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// copyDir copies a testdata project into a fresh directory.
func copyDir(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// TestLintCLI: the binary prints findings on stdout, a summary and one FAILED line on
// stderr, and exits 1 on an error-level finding; a clean revision exits 0.
func TestLintCLI(t *testing.T) {
	dir := copyDir(t, filepath.Join("..", "testdata", "lint", "sqlite"))
	r := retort(t, dir, "lint", "--all")
	if r.code != 1 || !strings.Contains(r.stdout, "versions/sq05_drop_note.sql:7: drop-column DROP COLUMN account.note") ||
		!strings.HasSuffix(r.stderr, "FAILED: lint: 4 error-level finding(s); fix them or waive each with '-- lint: ignore RULE reason' in the revision header\n") {
		t.Errorf("lint --all: %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	r = retort(t, dir, "lint", "sq04")
	if r.code != 0 || r.stdout != "" || r.stderr != "INFO  [retort.lint] 1 revision(s), 0 error(s), 0 warning(s), 0 waived\n" {
		t.Errorf("lint sq04: %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "lint_example.db")); err == nil {
		t.Error("lint --all or lint REV connected to the database")
	}
}

// TestVerifyCLI: a correct history passes with exit 0; a broken downgrade is one line
// per difference on stdout and exit 1 with one FAILED line; the live database is not
// created.
func TestVerifyCLI(t *testing.T) {
	good := filepath.Join("..", "testdata", "verify", "good")
	dir := copyDir(t, good)
	r := retort(t, dir, "verify")
	if r.code != 0 || r.stdout != "verify: 9 revision(s) replayed, 9 downgrade(s) checked, heads match the desired schema: OK\n" {
		t.Errorf("good: %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	dir = copyDir(t, good)
	forgotten, err := os.ReadFile(filepath.Join("..", "testdata", "verify", "forgotten-index", "versions", "v3_account_name_index.py"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "versions", "v3_account_name_index.py"), forgotten, 0o644); err != nil {
		t.Fatal(err)
	}
	r = retort(t, dir, "verify")
	if r.code != 1 || r.stdout != "broken-downgrade v3 (versions/v3_account_name_index.py): drop index ix_account_name on account\n" ||
		!strings.HasSuffix(r.stderr, "FAILED: verify: 1 problem(s)\n") {
		t.Errorf("forgotten index: %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "app.db")); err == nil {
		t.Error("verify created the live database")
	}
}
