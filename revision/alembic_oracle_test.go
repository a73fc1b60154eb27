package revision

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/retort-dev/retort/config"
	"github.com/retort-dev/retort/internal/oracle"
	"github.com/retort-dev/retort/sqlscript"
)

// alembicProject runs `alembic init migrations` in a fresh directory, applies edit to the
// generated alembic.ini, and returns the directory and a runner for alembic commands.
func alembicProject(t *testing.T, edit func(ini string) string) (string, func(args ...string)) {
	t.Helper()
	alembic := oracle.Alembic(t)
	dir := t.TempDir()
	run := func(args ...string) {
		t.Helper()
		cmd := exec.Command(alembic, args...)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		if strings.Contains(string(out), "The library 'python-dateutil' is required") {
			t.Skip("skipping: this Alembic (1.8.1) needs python-dateutil for timezone support")
		}
		if err != nil {
			t.Fatalf("alembic %q: %v\n%s", args, err, out)
		}
	}
	run("init", "migrations")
	ini := filepath.Join(dir, "alembic.ini")
	src, err := os.ReadFile(ini)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(ini, []byte(edit(string(src))), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, run
}

// pythonFor returns the interpreter alembic runs under (from its #! line).
func pythonFor(t *testing.T) string {
	t.Helper()
	f, err := os.Open(oracle.Alembic(t))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	line, _ := bufio.NewReader(f).ReadString('\n')
	if py, ok := strings.CutPrefix(strings.TrimSpace(line), "#!"); ok && !strings.Contains(py, " ") {
		return py
	}
	return "python3"
}

// moduleTruth is what Python itself reads from a revision module.
type moduleTruth struct {
	Revision     string
	Down         []string
	BranchLabels []string
	DependsOn    []string
	Doc          string
}

// importModules imports every .py file of dir with Python and reports its variables,
// tuples and lists as lists and None as an empty list.
func importModules(t *testing.T, dir string) map[string]moduleTruth {
	t.Helper()
	script := `import importlib.util, json, os, sys
def as_list(v):
    if v is None: return []
    if isinstance(v, str): return [v]
    return list(v)
out = {}
for name in sorted(os.listdir(sys.argv[1])):
    if not name.endswith(".py"): continue
    spec = importlib.util.spec_from_file_location("m", os.path.join(sys.argv[1], name))
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    out[name] = {"Revision": m.revision, "Down": as_list(m.down_revision),
        "BranchLabels": as_list(m.branch_labels), "DependsOn": as_list(m.depends_on),
        "Doc": (m.__doc__ or "").strip()}
print(json.dumps(out))`
	out, err := exec.Command(pythonFor(t), "-c", script, dir).Output()
	if err != nil {
		t.Fatalf("python import: %v", err)
	}
	var truth map[string]moduleTruth
	if err := json.Unmarshal(out, &truth); err != nil {
		t.Fatal(err)
	}
	return truth
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// TestAlembicWrittenRevisions has real Alembic write revisions (roots, branch labels,
// --splice, --depends-on ids and labels, an empty message, a merge) and checks that Parse
// reads exactly what Python reads from them, and that Slug and FileName give the names
// Alembic chose.
func TestAlembicWrittenRevisions(t *testing.T) {
	const tmpl = "%%(year)d_%%(month).2d_%%(day).2d_%%(hour).2d%%(minute).2d%%(second).2d-%%(epoch)s-%%(rev)s_%%(slug)s"
	dir, run := alembicProject(t, func(ini string) string {
		return strings.Replace(ini, "# file_template = %%(rev)s_%%(slug)s", "file_template = "+tmpl, 1)
	})
	messages := map[string]string{
		"aaaa00000001": "create account table",
		"aaaa00000002": "Add a column",
		"bbbb00000001": "This is a Very long message, with punctuation! and ünïcode more words",
		"bbbb00000002": "Añadir tabla ünïcode—test",
		"cccc00000001": "splice here",
		"dddd00000001": "",
		"eeee00000001": "merge all\n\nwith a second paragraph",
	}
	run("revision", "-m", messages["aaaa00000001"], "--rev-id", "aaaa00000001")
	run("revision", "-m", messages["aaaa00000002"], "--rev-id", "aaaa00000002")
	run("revision", "-m", messages["bbbb00000001"], "--rev-id", "bbbb00000001", "--head", "base", "--branch-label", "lib")
	run("revision", "-m", messages["bbbb00000002"], "--rev-id", "bbbb00000002", "--head", "lib@head", "--depends-on", "aaaa00000001")
	run("revision", "-m", messages["cccc00000001"], "--rev-id", "cccc00000001", "--head", "aaaa00000001", "--splice",
		"--depends-on", "aaaa00000002", "--depends-on", "lib")
	run("revision", "--rev-id", "dddd00000001", "--head", "aaaa00000002")
	run("merge", "-m", messages["eeee00000001"], "--rev-id", "eeee00000001", "heads")

	versions := filepath.Join(dir, "migrations", "versions")
	truth := importModules(t, versions)
	if len(truth) != len(messages) {
		t.Fatalf("alembic wrote %d files, want %d", len(truth), len(messages))
	}
	cfg, err := config.Load(filepath.Join(dir, "alembic.ini"), "alembic", nil)
	if err != nil {
		t.Fatal(err)
	}
	truncate, err := cfg.TruncateSlugLength()
	if err != nil {
		t.Fatal(err)
	}

	var names []string
	for name, want := range truth {
		names = append(names, name)
		path := filepath.Join(versions, name)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		f, err := Parse(path, data)
		if err != nil {
			t.Fatalf("Parse(%s): %v", name, err)
		}
		got := moduleTruth{Revision: f.ID, Down: orEmpty(f.Down), BranchLabels: orEmpty(f.BranchLabels),
			DependsOn: orEmpty(f.DependsOn), Doc: f.Doc}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got  %+v\n want %+v", name, got, want)
		}
		if msg := regexp.MustCompile("\n\n").Split(want.Doc, 2)[0]; f.Message != msg {
			t.Errorf("%s: Message = %q, want %q", name, f.Message, msg)
		}

		// The create date Alembic wrote, read back as local time, formats identically and
		// yields the same file name through Slug and FileName.
		created, err := time.ParseInLocation("2006-01-02 15:04:05.999999", f.CreateDate, time.Local)
		if err != nil {
			t.Fatalf("%s: create date %q: %v", name, f.CreateDate, err)
		}
		if CreateDate(created, false) != f.CreateDate {
			t.Errorf("%s: CreateDate = %q, file has %q", name, CreateDate(created, false), f.CreateDate)
		}
		fileName, err := FileName(cfg.FileTemplate(), f.ID, Slug(messages[f.ID], truncate), created)
		if err != nil {
			t.Fatal(err)
		}
		if fileName+".py" != name {
			t.Errorf("FileName = %q, alembic wrote %q", fileName+".py", name)
		}
		for _, up := range []bool{true, false} {
			if stmts, err := f.Body(up, sqlscript.Generic); err != nil || len(stmts) != 0 {
				t.Errorf("%s: Body(%v) = %v, %v; want no statements", name, up, stmts, err)
			}
		}
	}

	files, err := Scan([]string{versions}, false)
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(names)
	for i, f := range files {
		if filepath.Base(f.Path) != names[i] || f.Format != Python {
			t.Errorf("Scan[%d] = %s, want %s", i, f.Path, names[i])
		}
	}
	if len(files) != len(names) {
		t.Errorf("Scan found %d files, want %d", len(files), len(names))
	}
}

// TestAlembicTimezoneCreateDate checks the aware create date Alembic writes with
// timezone set in alembic.ini against CreateDate and config.Timezone.
func TestAlembicTimezoneCreateDate(t *testing.T) {
	dir, run := alembicProject(t, func(ini string) string {
		return strings.Replace(ini, "[alembic]\n", "[alembic]\ntimezone = Asia/Kolkata\n", 1)
	})
	run("revision", "-m", "zoned", "--rev-id", "ffff00000001")
	versions := filepath.Join(dir, "migrations", "versions")
	path := filepath.Join(versions, "ffff00000001_zoned.py")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse(path, data)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(filepath.Join(dir, "alembic.ini"), "alembic", nil)
	if err != nil {
		t.Fatal(err)
	}
	loc, err := cfg.Timezone()
	if err != nil {
		t.Fatal(err)
	}
	created, err := time.Parse("2006-01-02 15:04:05.999999-07:00", f.CreateDate)
	if err != nil {
		t.Fatalf("create date %q: %v", f.CreateDate, err)
	}
	if got := CreateDate(created.In(loc), true); got != f.CreateDate || !strings.HasSuffix(got, "+05:30") {
		t.Fatalf("CreateDate = %q, alembic wrote %q", got, f.CreateDate)
	}
}
