package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/retort-dev/retort/internal/oracle"
)

// The scenario of issue 2: init, three revisions, a new root with a branch label
// (--head base), a spliced branch, merges, a dependency, then every read command. The same
// commands build an Alembic project and a retort project with the same revision ids.
var scenario = []struct {
	name       string     // checkpoint name; golden file testdata/<name>.golden
	singleHead bool       // the graph then has one versioned head
	write      [][]string // commands that change the project, compared too
}{
	{"linear", true, [][]string{
		{"revision", "-m", "create account table", "--rev-id", "aaaa1111"},
		{"revision", "-m", "Add a column", "--rev-id", "bbbb2222"},
		{"revision", "-m", "add an index", "--rev-id", "cccc3333"},
	}},
	{"branched", false, [][]string{
		{"revision", "--head", "base", "--branch-label", "lib", "-m", "lib root", "--rev-id", "dddd4444"},
		{"revision", "--head", "bbbb2222", "--splice", "-m", "fix from b", "--rev-id", "eeee5555"},
	}},
	{"merged", false, [][]string{
		{"merge", "cccc3333", "eeee5555", "-m", "merge c and e", "--rev-id", "ffff6666"},
		{"revision", "--head", "lib@head", "-m", "lib two", "--rev-id", "1b000002"},
		{"revision", "--head", "ffff6666", "--depends-on", "1b00", "-m", "uses lib two", "--rev-id", "1c000003"},
		{"revision", "--head", "1c000003", "--depends-on", "lib", "-m", "uses the lib label", "--rev-id", "1d000004"},
	}},
	{"joined", true, [][]string{
		{"merge", "1d000004", "1b000002", "-m", "merge all", "--rev-id", "9f000009"},
	}},
	// The database (SQLite, app.db beside the ini) now holds two rows.
	{"stamped", true, [][]string{
		{"stamp", "eeee5555", "1b000002"},
	}},
}

// reads are the commands whose output is compared at every checkpoint.
var reads = [][]string{
	{"heads"}, {"heads", "-v"}, {"heads", "--resolve-dependencies"},
	{"branches"}, {"branches", "-v"},
	{"history"}, {"history", "-v"},
	{"history", "-r", "bbbb2222:"}, {"history", "-r", ":bbbb2222"}, {"history", "-r", "aaaa1111:cccc3333"},
	{"history", "-r", "base:head"}, {"history", "-r", "cccc3333:bbbb2222"}, {"history", "-r", "bbbb2222"},
	{"show", "head"}, {"show", "heads"}, {"show", "base"}, {"show", "aaaa"}, {"show", "c"},
	{"show", "lib@head"}, {"show", "zzzz"}, {"show", "1"},
}

// dbReads read the version table; they are compared once it has rows.
var dbReads = [][]string{
	{"history", "-i"}, {"history", "-i", "-v"}, {"history", "-r", "current:"}, {"history", "-r", ":current"},
	{"show", "current"},
}

// singleHeadReads are compared only where the graph has one versioned head: with several,
// Alembic 1.8.1 crashes on them (AssertionError in history, AttributeError in show).
var singleHeadReads = [][]string{
	{"history", "-r=-2:"}, {"history", "--rev-range=-1:cccc3333"}, {"show", "-1"},
}

func TestAlembicParity(t *testing.T) {
	var alembic []string
	if _, err := exec.LookPath("alembic"); err == nil || *update || os.Getenv("RETORT_REQUIRE_ALEMBIC") == "1" {
		alembic = alembicCommand(t)
	}
	retortDir, alembicDir := t.TempDir(), t.TempDir()
	mustRetort(t, retortDir, "init", "migrations")
	if alembic != nil {
		if r := runIn(t, alembicDir, alembic[0], append(alembic[1:], "init", "migrations")...); r.code != 0 {
			t.Fatalf("alembic init: %d\n%s%s", r.code, r.stdout, r.stderr)
		}
		useSQLite(t, filepath.Join(alembicDir, "alembic.ini"))
	}
	for _, cp := range scenario {
		var got, want []record
		for _, args := range cp.write {
			got = append(got, retortRecord(t, retortDir, args))
			if alembic != nil {
				want = append(want, alembicRecord(t, alembicDir, alembic, args))
			}
		}
		checks := reads
		if cp.singleHead {
			checks = append(slices.Clip(checks), singleHeadReads...)
		}
		if cp.name == "stamped" {
			checks = append(slices.Clip(checks), dbReads...)
		}
		var onAlembic []record // retort reading the Alembic project's .py files
		for _, args := range checks {
			got = append(got, retortRecord(t, retortDir, args))
			if alembic != nil {
				want = append(want, alembicRecord(t, alembicDir, alembic, args))
				onAlembic = append(onAlembic, retortRecord(t, alembicDir, args))
			}
		}
		golden := filepath.Join("testdata", cp.name+".golden")
		if *update {
			if err := os.WriteFile(golden, []byte(formatRecords(want)), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if alembic != nil {
			compareRecords(t, cp.name+" (live Alembic)", got, want)
			compareRecords(t, cp.name+" (retort on the Alembic project)", onAlembic, want[len(cp.write):])
		}
		data, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run `go test ./e2e -run TestAlembicParity -update` where alembic is installed)", err)
		}
		compareRecords(t, cp.name+" (golden)", got, parseRecords(string(data)))
	}
}

// record is one command and what it printed, normalised for comparison.
type record struct {
	cmd    string
	output string // stdout and any log lines, or the one FAILED line
}

func retortRecord(t *testing.T, dir string, args []string) record {
	t.Helper()
	r := retort(t, dir, args...)
	r.stderr = alembicView(r.stderr)
	out := withLog(r)
	switch {
	case r.code == 0:
	case r.code == 1 && r.stdout == "" && strings.HasPrefix(r.stderr, "FAILED: ") && strings.Count(r.stderr, "\n") == 1:
		out = r.stderr
	default:
		out = fmt.Sprintf("UNEXPECTED exit %d\nstdout:\n%sstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	return record{strings.Join(args, " "), normalize(out, dir)}
}

// alembicView is retort's stderr with its documented differences from Alembic's undone:
// its own log lines (logger "retort": the database in use, the summary of a run) are
// dropped, and on SQLite (every parity project) its "Will assume transactional DDL." is
// Alembic's "non-transactional" (retort runs SQLite in a transaction; Alembic commits per
// revision).
func alembicView(stderr string) string {
	lines := strings.SplitAfter(withoutRetortLines(stderr), "\n")
	for i, l := range lines {
		if l == "INFO  [alembic.runtime.migration] Will assume transactional DDL.\n" {
			lines[i] = "INFO  [alembic.runtime.migration] Will assume non-transactional DDL.\n"
		}
	}
	return strings.Join(lines, "")
}

// alembicRecord runs Alembic; a command error is its stdout FAILED line and status 255.
func alembicRecord(t *testing.T, dir string, alembic, args []string) record {
	t.Helper()
	r := runIn(t, dir, alembic[0], append(alembic[1:], args...)...)
	out := withLog(r)
	if r.code == 255 && strings.HasPrefix(r.stdout, "FAILED: ") {
		out = r.stdout
	} else if r.code != 0 {
		out = fmt.Sprintf("UNEXPECTED exit %d\nstdout:\n%sstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	return record{strings.Join(args, " "), normalize(out, dir)}
}

// withLog is stdout followed by the log lines on stderr, if any (Alembic's env.py logs to
// stderr when a command reads the database).
func withLog(r result) string {
	if r.stderr == "" {
		return r.stdout
	}
	return r.stdout + "--- stderr\n" + r.stderr
}

// useSQLite points a new Alembic project at app.db beside its ini, as retort's init does.
func useSQLite(t *testing.T, ini string) {
	t.Helper()
	b, err := os.ReadFile(ini)
	if err != nil {
		t.Fatal(err)
	}
	s := regexp.MustCompile(`(?m)^sqlalchemy\.url = .*$`).ReplaceAllString(string(b), "sqlalchemy.url = sqlite:///%(here)s/app.db")
	if err := os.WriteFile(ini, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

var (
	reExt        = regexp.MustCompile(`(\$PROJECT/\S+)\.(py|sql)\b`)
	reCreateDate = regexp.MustCompile(`(?m)^    Create Date: .*$`)
	reSetList    = regexp.MustCompile(`(?m)^(Branches into|Branch names): (.*)$`)
)

// normalize removes what legitimately differs between the two tools: the project
// directory, the file extension, the creation time, and the order of the values Alembic
// keeps in sets (children of a branch point, branch names).
func normalize(s, dir string) string {
	s = strings.ReplaceAll(s, dir, "$PROJECT")
	s = reExt.ReplaceAllString(s, "$1.{py,sql}")
	s = reCreateDate.ReplaceAllString(s, "    Create Date: <date>")
	s = reSetList.ReplaceAllStringFunc(s, func(line string) string {
		m := reSetList.FindStringSubmatch(line)
		items := strings.Split(m[2], ", ")
		slices.Sort(items)
		return m[1] + ": " + strings.Join(items, ", ")
	})
	return sortChildLines(s)
}

// sortChildLines sorts each run of `branches` child lines ("<spaces> -> child").
func sortChildLines(s string) string {
	lines := strings.Split(s, "\n")
	isChild := func(l string) bool {
		return strings.HasPrefix(strings.TrimLeft(l, " "), "-> ") && strings.HasPrefix(l, " ")
	}
	for i := 0; i < len(lines); {
		j := i
		for j < len(lines) && isChild(lines[j]) {
			j++
		}
		if j > i {
			slices.Sort(lines[i:j])
			i = j
		} else {
			i++
		}
	}
	return strings.Join(lines, "\n")
}

const recordSep = "=== $ "

func formatRecords(rs []record) string {
	var b strings.Builder
	for _, r := range rs {
		b.WriteString(recordSep + r.cmd + "\n" + r.output)
		if !strings.HasSuffix(r.output, "\n") {
			b.WriteString("\n=== (no newline at end)\n")
		}
	}
	return b.String()
}

func parseRecords(s string) []record {
	var rs []record
	for _, chunk := range strings.Split(s, recordSep)[1:] {
		cmd, out, _ := strings.Cut(chunk, "\n")
		out, noNL := strings.CutSuffix(out, "\n=== (no newline at end)\n")
		if noNL {
			out = strings.TrimSuffix(out, "\n")
		}
		rs = append(rs, record{cmd, out})
	}
	return rs
}

func compareRecords(t *testing.T, what string, got, want []record) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d commands, reference has %d", what, len(got), len(want))
		return
	}
	for i := range got {
		if got[i].cmd != want[i].cmd {
			t.Errorf("%s: command %d is %q, reference has %q", what, i, got[i].cmd, want[i].cmd)
			continue
		}
		if got[i].output != want[i].output {
			t.Errorf("%s: `%s` differs\n--- retort\n%s--- alembic\n%s", what, got[i].cmd, got[i].output, want[i].output)
		}
	}
}

// alembicCommand returns the command line running Alembic 1.8.1 with its revision files
// discovered in name order, as Alembic 1.10+ does and retort does: 1.8.1 takes them in raw
// directory order, which on ext4 is a per-filesystem hash order, so heads and history
// listings would otherwise change from one machine to the next.
func alembicCommand(t *testing.T) []string {
	const script = `import os, sys
_listdir = os.listdir
os.listdir = lambda path=".": sorted(_listdir(path))
from alembic.config import main
sys.exit(main(prog="alembic"))
`
	return []string{oracle.AlembicPython(t), "-c", script}
}

// withoutRetortLines drops retort's own log lines (logger "retort"), which Alembic has no
// counterpart for.
func withoutRetortLines(stderr string) string {
	lines := strings.SplitAfter(stderr, "\n")
	return strings.Join(slices.DeleteFunc(lines, func(l string) bool { return strings.HasPrefix(l, "INFO  [retort] ") }), "")
}
