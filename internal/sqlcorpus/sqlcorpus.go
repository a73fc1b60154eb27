// Package sqlcorpus lists the repository's .sql test corpora and keeps golden files of
// what a reader of SQL made of each, so that a change to the SQL token stream shows up
// as a difference in every package that reads SQL with it (statement splitting, the
// autogenerate cache's statement attribution, the SQLite DDL reader). Tests only.
package sqlcorpus

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// File is one .sql file of the corpora.
type File struct {
	Path string // slash separated, relative to the repository root
	SQL  string
	// Dialects are the databases the file is written for: a file whose name mentions one
	// ("postgresql", "pg_", "sqlite") is for that one, any other for both.
	Dialects []string
}

// writtenFor names the database of files whose name does not say it.
var writtenFor = map[string]string{
	"revision/testdata/files/functions.sql": "postgresql", // $$ bodies
}

// Files returns every .sql file of the repository, sorted by path.
func Files(t testing.TB) []File {
	t.Helper()
	root := repoRoot(t)
	var out []File
	err := filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() && strings.HasPrefix(e.Name(), ".") && path != root {
			return filepath.SkipDir
		}
		if e.IsDir() || !strings.HasSuffix(path, ".sql") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		name := filepath.Base(rel)
		dialects := []string{"sqlite", "postgresql"}
		switch {
		case writtenFor[rel] != "":
			dialects = []string{writtenFor[rel]}
		case strings.Contains(name, "postgres") || strings.HasPrefix(name, "pg_"):
			dialects = []string{"postgresql"}
		case strings.Contains(name, "sqlite"):
			dialects = []string{"sqlite"}
		case strings.Contains(name, "mysql"):
			dialects = []string{"mysql"}
		}
		out = append(out, File{rel, string(b), dialects})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatal("no .sql corpus found")
	}
	return out
}

func repoRoot(t testing.TB) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's directory")
		}
		dir = parent
	}
}

// Hash is a short digest of s, for golden files that must not repeat the corpus.
func Hash(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:6])
}

// Check compares describe(f) for every file with the golden file at path, which holds a
// "== path hash" line per file followed by what describe gave when it was recorded. With
// -update (the test binary's flag of that name) the golden is written instead. Only files
// whose content is as recorded are compared: one added or changed since (other packages
// own their testdata) is logged, and -update records it.
func Check(t *testing.T, path string, files []File, describe func(File) string) {
	t.Helper()
	if f := flag.Lookup("update"); f != nil && f.Value.String() == "true" {
		var b strings.Builder
		for _, f := range files {
			fmt.Fprintf(&b, "== %s %s\n%s", f.Path, Hash(f.SQL), describe(f))
		}
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (record it with go test -update)", err)
	}
	type entry struct{ hash, body string }
	want := map[string]*entry{}
	var cur *entry
	for _, line := range strings.SplitAfter(string(b), "\n") {
		if head, ok := strings.CutPrefix(line, "== "); ok {
			name, hash, _ := strings.Cut(strings.TrimSuffix(head, "\n"), " ")
			cur = &entry{hash: hash}
			want[name] = cur
		} else if cur != nil {
			cur.body += line
		}
	}
	compared := 0
	for _, f := range files {
		w, ok := want[f.Path]
		switch {
		case !ok:
			t.Logf("%s: not in %s (a new file; -update records it)", f.Path, path)
		case w.hash != Hash(f.SQL):
			t.Logf("%s: changed since %s was recorded (-update records it)", f.Path, path)
		default:
			compared++
			if got := describe(f); got != w.body {
				t.Errorf("%s:\n--- got\n%s--- want\n%s", f.Path, got, w.body)
			}
		}
	}
	if compared == 0 {
		t.Errorf("no corpus file is as %s recorded it: record it with -update", path)
	}
}
