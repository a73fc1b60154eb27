package revision

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkScan10k scans 10,000 .sql revisions (a linear history, 6 KB each) in one
// directory; the target is well under 30 ms. The "floor" sub-benchmark only opens, reads
// 4 KB of and closes each file on one goroutine, to compare Scan with the syscall cost.
func BenchmarkScan10k(b *testing.B) {
	dir := b.TempDir()
	body := strings.Repeat("INSERT INTO t VALUES (1, 'some padding text for the body');\n", 50)
	prev := ""
	for i := range 10000 {
		id := fmt.Sprintf("%012x", i+1)
		src := fmt.Sprintf("-- revision number %d\n--\n-- revision: %s\n-- down_revision: %s\n-- branch_labels:\n-- depends_on:\n-- create_date: 2026-11-21 10:00:00\n\n-- +upgrade\n%s\n-- +downgrade\n%s",
			i, id, prev, body, body)
		if err := os.WriteFile(filepath.Join(dir, id+"_revision_number.sql"), []byte(src), 0o644); err != nil {
			b.Fatal(err)
		}
		prev = id
	}
	b.Run("scan", func(b *testing.B) {
		for b.Loop() {
			files, err := Scan([]string{dir}, false)
			if err != nil || len(files) != 10000 {
				b.Fatalf("%d files, %v", len(files), err)
			}
		}
	})
	b.Run("floor", func(b *testing.B) {
		entries, err := os.ReadDir(dir)
		if err != nil {
			b.Fatal(err)
		}
		buf := make([]byte, 4096)
		for b.Loop() {
			for _, e := range entries {
				f, err := openFile(filepath.Join(dir, e.Name()))
				if err != nil {
					b.Fatal(err)
				}
				if _, err := f.Read(buf); err != nil {
					b.Fatal(err)
				}
				f.Close()
			}
		}
	})
}
