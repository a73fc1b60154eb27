// Package revision reads and writes revision files: retort's .sql format (header of
// "-- key: value" lines, "-- +upgrade" and "-- +downgrade" sections) and Alembic's .py files
// (module variables and op.* bodies). It scans version locations, makes revision ids, slugs
// and file names as Alembic does.
package revision

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/retort-dev/retort/graph"
	"github.com/retort-dev/retort/sqlscript"
)

// Format is the kind of a revision file.
type Format int

const (
	SQL    Format = iota + 1 // retort's .sql file
	Python                   // Alembic's .py module
)

// File is one revision file. Only its header is read by Scan; bodies are read on demand.
type File struct {
	graph.Revision
	Path          string // absolute path
	Format        Format
	Doc           string // full message/docstring, stripped
	Message       string // first paragraph of Doc (what history prints)
	CreateDate    string // as written in the file, may be empty
	Transactional bool   // false when the header says "transactional: false"

	fsys fs.FS // where Path is, for files found by ScanFS; nil: the OS file system
}

// formatOf tells which revision format a file name has; ok is false for files that are
// not revisions (Alembic skips editor lock files ".#*" and "__init__*").
func formatOf(name string) (Format, bool) {
	if strings.HasPrefix(name, ".#") || strings.HasPrefix(name, "__init__") {
		return 0, false
	}
	switch filepath.Ext(name) {
	case ".sql":
		return SQL, true
	case ".py":
		return Python, true
	}
	return 0, false
}

// Scan reads the headers of every revision file in dirs (sorted by name; recursive descends
// into subdirectories). Missing directories are skipped.
//
// Order is Alembic's: directories in the given order; within one, its files sorted by name,
// then (recursive only) its subdirectories sorted by name. A file reached twice (the same
// real path through two locations) is read once.
func Scan(dirs []string, recursive bool) ([]*File, error) {
	var paths []string
	seen := map[string]bool{}
	for _, d := range dirs {
		if err := listDir(d, recursive, seen, &paths); err != nil {
			return nil, err
		}
	}
	files := make([]*File, len(paths))
	errs := make([]error, len(paths))
	dirsOf := make([]string, len(paths))
	for i, p := range paths {
		dirsOf[i] = filepath.Dir(p)
	}
	op := newDirOpener(dirsOf)
	defer op.close()
	// Reading is dominated by open/read syscalls: spread them over a few workers.
	workers := min(runtime.GOMAXPROCS(0)*2, len(paths))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			buf := make([]byte, 0, 4096)
			for i := int(next.Add(1) - 1); i < len(paths); i = int(next.Add(1) - 1) {
				files[i], buf, errs[i] = readHeader(op.open, paths[i], buf)
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return files, nil
}

// listDir appends the revision files under dir to paths in Alembic's order.
func listDir(dir string, recursive bool, seen map[string]bool, paths *[]string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		if os.IsNotExist(err) {
			return nil
		}
		return err
	}
	realDir, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return err
	}
	var subdirs []string
	for _, e := range entries { // os.ReadDir sorts by name
		name := e.Name()
		full := filepath.Join(dir, name)
		if e.IsDir() {
			if name != "__pycache__" {
				subdirs = append(subdirs, full)
			}
			continue
		}
		if _, ok := formatOf(name); !ok {
			continue
		}
		key := full
		if realDir != dir {
			key = filepath.Join(realDir, name)
		}
		if e.Type()&os.ModeSymlink != 0 {
			if real, err := filepath.EvalSymlinks(full); err == nil {
				key = real
			}
		}
		if !seen[key] {
			seen[key] = true
			*paths = append(*paths, full)
		}
	}
	if recursive {
		for _, d := range subdirs {
			if err := listDir(d, true, seen, paths); err != nil {
				return err
			}
		}
	}
	return nil
}

// Parse reads one revision file's header.
func Parse(path string, data []byte) (*File, error) {
	format, ok := formatOf(filepath.Base(path))
	if !ok {
		return nil, fmt.Errorf("%s: not a revision file (expected .sql or .py)", path)
	}
	if format == Python {
		m, err := parsePython(path, data)
		if err != nil {
			return nil, err
		}
		return m.file, nil
	}
	f, _, err := parseSQLHeader(path, data, true)
	return f, err
}

// readHeader reads as much of a file as its header needs (the whole file for .py, the
// leading comment block for .sql) into buf, which it may grow and returns for reuse.
func readHeader[F io.ReadCloser](open func(string) (F, error), path string, buf []byte) (*File, []byte, error) {
	if format, _ := formatOf(filepath.Base(path)); format == Python {
		data, err := readPrefix(open, path, buf, func([]byte) bool { return false })
		if err != nil {
			return nil, data, err
		}
		f, err := Parse(path, data)
		return f, data, err
	}
	var (
		f     *File
		ended bool
		perr  error
	)
	data, err := readPrefix(open, path, buf, func(b []byte) bool {
		f, ended, perr = parseSQLHeader(path, b, false)
		return ended
	})
	if err != nil {
		return nil, data, err
	}
	if !ended { // the file ended inside its header
		f, _, perr = parseSQLHeader(path, data, true)
	}
	return f, data, perr
}

// readPrefix reads the file into buf[:0] until enough reports true or the file ends.
func readPrefix[F io.ReadCloser](open func(string) (F, error), path string, buf []byte, enough func([]byte) bool) ([]byte, error) {
	f, err := open(path)
	if err != nil {
		return buf, &os.PathError{Op: "open", Path: path, Err: err}
	}
	defer f.Close()
	buf = buf[:0]
	for {
		if len(buf) == cap(buf) {
			buf = slices.Grow(buf, max(cap(buf), 4096))
		}
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if errors.Is(err, io.EOF) {
			return buf, nil
		}
		if err != nil {
			return buf, &os.PathError{Op: "read", Path: path, Err: err}
		}
		if enough(buf) {
			return buf, nil
		}
	}
}

// Body returns the statements of the upgrade (up) or downgrade section, reading the file;
// a .sql section is split under opts, the lexical rules of the database it runs on.
func (f *File) Body(up bool, opts sqlscript.Options) ([]sqlscript.Statement, error) {
	data, err := f.read()
	if err != nil {
		return nil, err
	}
	if f.Format == Python {
		m, err := parsePython(f.Path, data)
		if err != nil {
			return nil, err
		}
		return m.body(up)
	}
	return sqlBody(f.Path, data, up, opts)
}

// splitList splits a comma separated header value, dropping empty entries.
func splitList(v string) []string {
	var out []string
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// firstParagraph is Alembic's doc: the docstring up to its first blank line.
func firstParagraph(doc string) string {
	first, _, _ := strings.Cut(doc, "\n\n")
	return first
}
