package config

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"testing"
)

// pythonDump prints every key of every section (and [DEFAULT]) of an ini as Python's
// configparser reads it with Alembic's "here" default; values that fail to interpolate
// read as "!ERR".
const pythonDump = `
import configparser, json, os, sys
path = sys.argv[1]
cp = configparser.ConfigParser({"here": os.path.abspath(os.path.dirname(path))})
cp.read(path)
out = {}
for s in ["DEFAULT"] + cp.sections():
    vals = {}
    for k in (cp.defaults() if s == "DEFAULT" else cp.options(s)):
        try:
            vals[k] = cp.get(s, k)
        except configparser.Error:
            vals[k] = "!ERR"
    out[s] = vals
print(json.dumps(out))
`

// TestAgainstPythonConfigparser compares every value of the testdata ini files with what
// Python's configparser reads (skipped without python3).
func TestAgainstPythonConfigparser(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("skipping: python3 not installed")
	}
	files, _ := filepath.Glob("testdata/*.ini")
	if len(files) == 0 {
		t.Fatal("no testdata/*.ini")
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			raw, err := exec.Command(py, "-c", pythonDump, path).Output()
			if err != nil {
				t.Fatalf("python3: %v", err)
			}
			var want map[string]map[string]string
			if err := json.Unmarshal(raw, &want); err != nil {
				t.Fatal(err)
			}
			c, err := Load(path, "other", nil)
			if err != nil {
				c, err = Load(path, "alembic", nil)
			}
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]map[string]string{}
			for _, s := range append([]string{defaultSection}, sortedSections(c.file)...) {
				vals := map[string]string{}
				keys := []string{}
				for k := range c.file.defaults {
					keys = append(keys, k)
				}
				if sec, ok := c.file.sections[s]; ok {
					keys = append(keys, sec.keys...)
				}
				for _, k := range keys {
					v, _, err := c.LookupIn(s, k)
					if err != nil {
						v = "!ERR"
					}
					vals[k] = v
				}
				got[s] = vals
			}
			if !reflect.DeepEqual(got, want) {
				gj, _ := json.MarshalIndent(got, "", " ")
				wj, _ := json.MarshalIndent(want, "", " ")
				t.Fatalf("got\n%s\nwant (python)\n%s", gj, wj)
			}
		})
	}
}

func sortedSections(f *iniFile) []string {
	var out []string
	for s := range f.sections {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}
