package revision

import (
	"io/fs"
	"os"
	"path"
)

// ScanFS is Scan for migrations embedded in a program (an embed.FS, say): the revision
// files of one directory of fsys, sorted by name. Paths are fsys paths, and Body reads
// from fsys.
func ScanFS(fsys fs.FS, dir string) ([]*File, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	var files []*File
	for _, e := range entries { // fs.ReadDir sorts by name
		if _, ok := formatOf(e.Name()); !ok || e.IsDir() {
			continue
		}
		p := path.Join(dir, e.Name())
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, err
		}
		f, err := Parse(p, data)
		if err != nil {
			return nil, err
		}
		f.fsys = fsys
		files = append(files, f)
	}
	return files, nil
}

// Source returns the file's contents (lint reads its waivers from them).
func (f *File) Source() ([]byte, error) { return f.read() }

// read returns the file's contents, from the fs.FS it was scanned from if any.
func (f *File) read() ([]byte, error) {
	if f.fsys != nil {
		return fs.ReadFile(f.fsys, f.Path)
	}
	return os.ReadFile(f.Path)
}
