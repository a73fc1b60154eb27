package verify_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/retort-dev/retort/command"
	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/dialect/sqlite"
	"github.com/retort-dev/retort/schema"
	"github.com/retort-dev/retort/verify"
)

// staleTracking is SQLite with a change tracker that misses every change: its
// reflection stays the first one.
type staleTracking struct{ sqlite.Dialect }

func (d staleTracking) Track(_ context.Context, db *sql.DB, opts dialect.InspectOptions) (dialect.TrackedInspector, bool, error) {
	return &stale{d: d.Dialect, db: db, opts: opts}, true, nil
}

type stale struct {
	d    sqlite.Dialect
	db   *sql.DB
	opts dialect.InspectOptions
	s    *schema.Schema
}

func (s *stale) Inspect(ctx context.Context) (*schema.Schema, error) {
	if s.s == nil {
		var err error
		s.s, err = s.d.Inspect(ctx, s.db, s.opts)
		return s.s, err
	}
	return s.s, nil
}

func (s *stale) Forget() {}

// TestTrackingMissedRerunsWhole: a tracker that misses changes is caught by the check
// at the end, and the verification runs again reflecting whole: the correct history
// passes and a planted defect is found, as without tracking.
func TestTrackingMissedRerunsWhole(t *testing.T) {
	for _, c := range []struct {
		variant string
		want    []string
	}{
		{"good", nil},
		{"forgotten-index", []string{"broken-downgrade v3 (" + filepath.Join("versions", "v3_account_name_index.py") + "): drop index ix_account_name on account"}},
	} {
		t.Run(c.variant, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", "testdata", "verify", "good"))); err != nil {
				t.Fatal(err)
			}
			if c.variant != "good" {
				v3 := filepath.Join("versions", "v3_account_name_index.py")
				data, err := os.ReadFile(filepath.Join("..", "testdata", "verify", c.variant, v3))
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, v3), data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			ctx := context.Background()
			p, err := command.Load(command.Global{Config: filepath.Join(dir, "alembic.ini"), XArgs: []string{"url=sqlite:///" + filepath.Join(dir, "app.db")}})
			if err != nil {
				t.Fatal(err)
			}
			cfg, err := p.VerifyConfig(ctx, command.VerifyOptions{})
			if err != nil {
				t.Fatal(err)
			}
			cfg.Dialect = staleTracking{}
			rep, err := verify.Run(ctx, cfg)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, pr := range rep.Problems {
				pr.Path, _ = filepath.Rel(dir, pr.Path)
				got = append(got, pr.String())
			}
			if rep.Tracked || rep.Replayed != 9 || !slices.Equal(got, c.want) {
				t.Errorf("tracked %v, replayed %d, problems %q; want %q", rep.Tracked, rep.Replayed, got, c.want)
			}
		})
	}
}
