package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/retort-dev/retort/internal/fuzzcheck"
)

// FuzzParseINI: any alembic.ini text parses or fails with one line; every key of a
// parsed file interpolates or fails with one line; and a parsed file written back out
// (sections, keys, raw values) parses to the same raw values.
func FuzzParseINI(f *testing.F) {
	for _, name := range []string{"stock.ini", "tricky.ini"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(data))
	}
	f.Add("[alembic]\nscript_location = %(here)s/m\nsqlalchemy.url = sqlite:///%(here)s/a.db\n")
	f.Add("[alembic]\na = 1\n[alembic]\n")
	f.Add("key = outside\n[s]\n x\n")
	f.Add("[s]\na = %(b)s\nb = %(a)s\n")
	f.Fuzz(func(t *testing.T, src string) {
		file, err := parseINI("alembic.ini", src, map[string]string{"here": "/h"})
		fuzzcheck.OneLine(t, err)
		if err != nil {
			return
		}
		for name, s := range file.sections {
			for _, k := range s.keys {
				if _, ok, err := file.get("alembic.ini", name, k, nil); !ok {
					t.Fatalf("[%s] %s declared but not found", name, k)
				} else {
					fuzzcheck.OneLine(t, err)
				}
			}
		}
		again, err := parseINI("alembic.ini", renderINI(file), nil)
		if err != nil {
			t.Fatalf("the file written back does not parse: %v\n%q", err, renderINI(file))
		}
		for name, s := range file.sections {
			for _, k := range s.keys {
				v, _ := file.raw(name, k)
				if w, ok := again.raw(name, k); !ok || w != v {
					t.Fatalf("[%s] %s: %q, written back %q (%v)", name, k, v, w, ok)
				}
			}
		}
	})
}

// renderINI renders f's sections with their raw values, continuation lines indented.
func renderINI(f *iniFile) string {
	var b []byte
	for name, s := range f.sections {
		b = append(b, "["+name+"]\n"...)
		for _, k := range s.keys {
			b = append(b, k+" ="...)
			for i, line := range strings.Split(s.values[k], "\n") {
				if i > 0 {
					b = append(b, "\n   "...)
				}
				b = append(b, " "+line...)
			}
			b = append(b, '\n')
		}
	}
	return string(b)
}
