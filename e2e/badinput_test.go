package e2e

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestBadInputCorpus runs every case of testdata/badinput (see its README) against the
// built binary on each of its dialects and checks what bad input must get: the exit
// status (1, or 2 for a usage mistake), at most one FAILED line, last on stderr and
// naming what is at fault, no panic or Go stack trace, no password, an end within the
// case's time bound, and the database unchanged: byte for byte for SQLite, catalog and
// data for PostgreSQL.
func TestBadInputCorpus(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("testdata", "badinput", "*.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	runs := 0
	for _, path := range paths {
		c, err := readBadCase(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, dialect := range c.dialects {
			runs++
			t.Run(strings.TrimSuffix(filepath.Base(path), ".txt")+"/"+dialect, func(t *testing.T) {
				c.run(t, dbNew(t, dialect))
			})
		}
	}
	t.Logf("%d cases, %d runs", len(paths), runs)
}

// badCase is one file of testdata/badinput.
type badCase struct {
	dialects []string
	setup    [][]string // retort commands that must succeed first
	sql      []string   // statements run on the database after setup
	args     []string   // the failing command
	env      []string
	exit     int
	want     []string // substrings of the FAILED (or usage error) line
	timeout  time.Duration
	files    map[string]string // project files (name -> content)
}

// readBadCase parses a case: "key: value" lines up to the first "-- name --" line, then
// the project files in txtar form.
func readBadCase(path string) (*badCase, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	c := &badCase{exit: 1, timeout: 30 * time.Second, files: map[string]string{}}
	for _, name := range dbDialects {
		if badSnapshots[name] != nil {
			c.dialects = append(c.dialects, name) // every dialect the corpus can check
		}
	}
	fileMark := regexp.MustCompile(`^-- (\S+) --$`)
	var cur string
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if m := fileMark.FindStringSubmatch(line); m != nil {
			cur = m[1]
			c.files[cur] = ""
			continue
		}
		if cur != "" {
			c.files[cur] += line + "\n"
			continue
		}
		key, val, ok := strings.Cut(line, ":")
		val = strings.TrimSpace(val)
		switch {
		case !ok || line == "" || strings.HasPrefix(line, "#"):
			// description
		case key == "dialects":
			c.dialects = strings.Fields(val)
		case key == "setup":
			c.setup = append(c.setup, strings.Fields(val))
		case key == "sql":
			c.sql = append(c.sql, val)
		case key == "run":
			c.args = splitArgs(val)
		case key == "env":
			c.env = append(c.env, val)
		case key == "exit":
			if _, err := fmt.Sscan(val, &c.exit); err != nil {
				return nil, fmt.Errorf("%s:%d: exit: %v", path, n, err)
			}
		case key == "want":
			c.want = append(c.want, val)
		case key == "timeout":
			if c.timeout, err = time.ParseDuration(val); err != nil {
				return nil, fmt.Errorf("%s:%d: timeout: %v", path, n, err)
			}
		default:
			// a description line that happens to hold a colon
		}
	}
	if c.args == nil || len(c.want) == 0 {
		return nil, fmt.Errorf("%s: a case needs a run: line and at least one want: line", path)
	}
	if _, ok := c.files["alembic.ini"]; !ok {
		c.files["alembic.ini"] = "[alembic]\nscript_location = %(here)s/migrations\nsqlalchemy.url = $URL\n"
	}
	return c, nil
}

// splitArgs splits on spaces; ” is an empty argument and "..." a Go-quoted one (for
// arguments holding control characters).
func splitArgs(s string) []string {
	args := strings.Fields(s)
	for i, a := range args {
		if a == "''" {
			args[i] = ""
		} else if u, err := strconv.Unquote(a); err == nil && strings.HasPrefix(a, `"`) {
			args[i] = u
		}
	}
	return args
}

// badPassword is in every server URL of the corpus (the test server trusts local
// connections, so it is never checked) and must never be printed.
const badPassword = "c0rpus-s3cret"

func (c *badCase) run(t *testing.T, d dbTarget) {
	url := d.url
	if d.file == "" { // a server: give the URL a password
		scheme, rest, _ := strings.Cut(url, "://")
		user, host, _ := strings.Cut(rest, "@")
		url = scheme + "://" + user + ":" + badPassword + "@" + host
	}
	dir := t.TempDir()
	subst := strings.NewReplacer("$URL", strings.ReplaceAll(url, "%", "%%"), "$DIR", dir, "$DIALECT", d.dialect)
	for name, content := range c.files {
		writeFile(t, dir, name, subst.Replace(content))
		if strings.HasSuffix(name, ".sh") {
			if err := os.Chmod(filepath.Join(dir, name), 0o755); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, args := range c.setup {
		r := runBounded(t, dir, nil, c.timeout, args)
		if r.code != 0 {
			t.Fatalf("setup retort %s: exit %d\n%s%s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
		}
	}
	for _, s := range c.sql {
		dbExec(t, d, s)
	}
	before := dbSnapshot(t, d)
	args := make([]string, len(c.args))
	for i, a := range c.args {
		args[i] = subst.Replace(a)
	}
	env := make([]string, len(c.env))
	for i, e := range c.env {
		env[i] = subst.Replace(e)
	}
	r := runBounded(t, dir, env, c.timeout, args)
	out := r.stdout + r.stderr
	lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
	last := lines[len(lines)-1]
	failed := 0
	for _, l := range lines {
		if strings.Contains(l, "FAILED") {
			failed++
		}
	}
	switch {
	case r.code != c.exit:
		t.Errorf("exit %d, want %d", r.code, c.exit)
	case c.exit == 1 && (failed != 1 || !strings.HasPrefix(last, "FAILED: ")):
		t.Errorf("want one FAILED line, last on stderr")
	case c.exit == 2 && (failed != 0 || !strings.HasPrefix(last, "retort: error: ")):
		t.Errorf("want a usage error (retort: error: ...) and no FAILED line")
	}
	for _, w := range c.want {
		if w = subst.Replace(w); !strings.Contains(last, w) {
			t.Errorf("the last line does not name %q", w)
		}
	}
	for _, bad := range []string{"panic:", "goroutine ", "runtime error", ".go:", badPassword} {
		if strings.Contains(out, bad) {
			t.Errorf("the output holds %q", bad)
		}
	}
	if t.Failed() {
		t.Logf("retort %s\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), r.stdout, r.stderr)
	}
	if after := dbSnapshot(t, d); after != before {
		t.Errorf("the database changed:\nbefore: %s\nafter:  %s", before, after)
	}
}

// runBounded runs the binary in dir and fails t if it has not ended within timeout
// (its process group is then killed).
func runBounded(t *testing.T, dir string, env []string, timeout time.Duration, args []string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir, cmd.Env = dir, append(cleanEnv(), env...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("retort %s did not end within %v (hang)\nstderr:\n%s", strings.Join(args, " "), timeout, errb.String())
	}
	var ee *exec.ExitError
	code := 0
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return result{out.String(), errb.String(), code}
}

// dbSnapshot describes the whole database (see badSnapshots).
func dbSnapshot(t *testing.T, d dbTarget) string {
	t.Helper()
	snap := badSnapshots[d.dialect]
	if snap == nil {
		t.Fatalf("no snapshot for dialect %s: add one to badSnapshots", d.dialect)
	}
	return snap(t, d)
}

// badSnapshots describe a database so that any change shows: for SQLite a digest of the
// file's bytes (and whether a journal is left), for PostgreSQL every relation's
// definition, every constraint and index, and a digest of each table's rows.
var badSnapshots = map[string]func(t *testing.T, d dbTarget) string{
	"sqlite": func(t *testing.T, d dbTarget) string {
		var b strings.Builder
		for _, p := range []string{d.file, d.file + "-journal", d.file + "-wal"} {
			data, err := os.ReadFile(p)
			switch {
			case errors.Is(err, os.ErrNotExist):
				fmt.Fprintf(&b, "%s: none; ", filepath.Base(p))
			case err != nil:
				t.Fatal(err)
			case len(data) == 0:
				// An empty file is an empty database (SQLite reads it so): opening a
				// database that did not exist creates one, before any input is judged.
				fmt.Fprintf(&b, "%s: none; ", filepath.Base(p))
			default:
				fmt.Fprintf(&b, "%s: %x; ", filepath.Base(p), sha256.Sum256(data))
			}
		}
		return b.String()
	},
	"postgresql": func(t *testing.T, d dbTarget) string {
		parts := dbStrings(t, d, `SELECT format('%s.%s %s', n.nspname, c.relname, c.relkind) FROM pg_class c
			JOIN pg_namespace n ON n.oid = c.relnamespace
			WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')`)
		parts = append(parts, dbStrings(t, d, `SELECT format('%s.%s.%s %s %s %s', table_schema, table_name, column_name,
			data_type, is_nullable, coalesce(column_default, '')) FROM information_schema.columns
			WHERE table_schema NOT IN ('pg_catalog', 'information_schema')`)...)
		parts = append(parts, dbStrings(t, d, `SELECT format('%s %s', conname, pg_get_constraintdef(oid)) FROM pg_constraint
			WHERE connamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)`)...)
		parts = append(parts, dbStrings(t, d, `SELECT indexdef FROM pg_indexes WHERE schemaname NOT IN ('pg_catalog')`)...)
		parts = append(parts, dbStrings(t, d, `SELECT format('%s.%s rows %s', table_schema, table_name,
			(xpath('/row/h/text()', query_to_xml(format('SELECT md5(coalesce(string_agg(t::text, %L ORDER BY t::text), %L)) AS h FROM %I.%I t',
				'|', '', table_schema, table_name), false, true, '')))[1]::text)
			FROM information_schema.tables WHERE table_type = 'BASE TABLE'
			AND table_schema NOT IN ('pg_catalog', 'information_schema')`)...)
		slices.Sort(parts)
		return strings.Join(parts, "; ")
	},
}
