package projectgen

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/retort-dev/retort/graph"
	"github.com/retort-dev/retort/revision"
)

// TestWriteRoundTrip reads the written files back and expects graph.Synthetic's revisions.
func TestWriteRoundTrip(t *testing.T) {
	const n = 500
	want := map[string]graph.Revision{}
	for _, r := range graph.Synthetic(n) {
		want[r.ID] = r
	}
	for _, format := range []Format{SQL, Python} {
		dir := t.TempDir()
		if err := Write(dir, n, format); err != nil {
			t.Fatal(err)
		}
		files, err := revision.Scan([]string{filepath.Join(dir, "migrations", "versions")}, false)
		if err != nil {
			t.Fatal(err)
		}
		if len(files) != n {
			t.Fatalf("%s: read %d files, want %d", format, len(files), n)
		}
		for _, f := range files {
			w := want[f.ID]
			if !slices.Equal(f.Down, w.Down) || !slices.Equal(f.BranchLabels, w.BranchLabels) || !slices.Equal(f.DependsOn, w.DependsOn) {
				t.Errorf("%s: %s read back as %+v, want %+v", format, f.Path, f.Revision, w)
			}
		}
	}
}
