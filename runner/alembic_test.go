package runner

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/retort-dev/retort/internal/oracle"
	"github.com/retort-dev/retort/versions"
)

// TestAlembicInterop hands one database back and forth between real Alembic and the
// runner on the testdata chain: each continues from what the other recorded.
func TestAlembicInterop(t *testing.T) {
	alembic := oracle.Alembic(t)
	gen, err := filepath.Abs(filepath.Join("testdata", "gen_goldens.py"))
	if err != nil {
		t.Fatal(err)
	}
	forEachDialect(t, func(t *testing.T, url string) {
		proj := t.TempDir()
		if out, err := exec.Command("python3", gen, "--project", proj).CombinedOutput(); err != nil {
			t.Fatalf("build Alembic project: %v\n%s", err, out)
		}
		ini := filepath.Join(proj, "alembic.ini")
		b, err := os.ReadFile(ini)
		if err != nil {
			t.Fatal(err)
		}
		b = regexp.MustCompile(`(?m)^sqlalchemy.url = .*$`).ReplaceAll(b, []byte("sqlalchemy.url = "+url))
		if err := os.WriteFile(ini, b, 0o644); err != nil {
			t.Fatal(err)
		}
		run := func(args ...string) string {
			cmd := exec.Command(alembic, append([]string{"-c", ini}, args...)...)
			cmd.Dir = proj
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("alembic %s: %v\n%s", strings.Join(args, " "), err, out)
			}
			return string(out)
		}
		chain := loadChain(t)
		expect := func(rows []string, account bool) {
			t.Helper()
			got, exists, _ := state(t, url, versions.Table{}, "account")
			if !reflect.DeepEqual(got, rows) || exists["account"] != account {
				t.Fatalf("rows %v account %v; want %v %v", got, exists["account"], rows, account)
			}
		}

		run("upgrade", "ae1027a6acf")
		if err := Run(context.Background(), Options{URL: url}, chainPlan(chain)); err != nil {
			t.Fatal(err)
		}
		expect([]string{"27c6a30d7c24"}, true)
		if out := run("current"); !strings.Contains(out, "27c6a30d7c24 (head)") {
			t.Errorf("alembic current after the runner:\n%s", out)
		}
		run("downgrade", "base")
		expect(nil, false)
		if err := Run(context.Background(), Options{URL: url}, chainPlan(chain[:1])); err != nil {
			t.Fatal(err)
		}
		run("upgrade", "head")
		expect([]string{"27c6a30d7c24"}, true)
	})
}
