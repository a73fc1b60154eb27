package e2e

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	dialectpkg "github.com/retort-dev/retort/dialect"
)

// pfProject is testdata/pyforms taken over: an `alembic init` project whose revisions
// use every form that needs Python (queries on op.get_bind(), if/for/try, sa.table data
// migrations, the project's own modules, a module-level type object, a decorated
// upgrade(), op.get_context() with autocommit_block, a plugin operation) between native
// ones. alembic.ini names the "alembic" database; retort gets the other with -x url=.
type pfProject struct {
	dir    string
	python string
	dbs    map[string]dbTarget // "alembic", "retort"
}

func pfNew(t *testing.T, dialect string) *pfProject {
	t.Helper()
	p := &pfProject{dir: t.TempDir(), python: agPython(t), dbs: map[string]dbTarget{
		"alembic": dbNew(t, dialect), "retort": dbNew(t, dialect)}}
	alembic := alembicCommand(t)
	if r := runIn(t, p.dir, alembic[0], append(alembic[1:], "init", "migrations")...); r.code != 0 {
		t.Fatalf("alembic init: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	src := filepath.Join("testdata", "pyforms")
	for _, sub := range []string{"versions", "shop"} {
		files, err := filepath.Glob(filepath.Join(src, sub, "*.py"))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: %v", sub, err)
		}
		to := filepath.Join(p.dir, sub)
		if sub == "versions" {
			to = filepath.Join(p.dir, "migrations", "versions")
		}
		os.MkdirAll(to, 0o755)
		for _, f := range files {
			agCopy(t, f, filepath.Join(to, filepath.Base(f)))
		}
	}
	ini := string(toRead(t, filepath.Join(p.dir, "alembic.ini")))
	if !strings.Contains(ini, "\nprepend_sys_path = .\n") {
		t.Fatal("alembic init wrote no prepend_sys_path = .")
	}
	ini = regexp.MustCompile(`(?m)^sqlalchemy\.url = .*$`).ReplaceAllLiteralString(ini,
		"sqlalchemy.url = "+strings.ReplaceAll(p.dbs["alembic"].url, "%", "%%")+"\npython = "+p.python)
	writeFile(t, p.dir, "alembic.ini", ini)
	return p
}

func (p *pfProject) alembic(t *testing.T, args ...string) result {
	t.Helper()
	alembic := alembicCommand(t)
	r := runIn(t, p.dir, alembic[0], append(alembic[1:], args...)...)
	if r.code != 0 {
		t.Fatalf("alembic %s: exit %d\n%s%s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
	}
	return r
}

func (p *pfProject) retort(t *testing.T, args ...string) result {
	t.Helper()
	r := retort(t, p.dir, append([]string{"-x", "url=" + p.dbs["retort"].url}, args...)...)
	if r.code != 0 {
		t.Fatalf("retort %s: exit %d\n%s%s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
	}
	return r
}

// compare fails t unless both databases have the same schema, the same rows in every
// table, and the same alembic_version.
func (p *pfProject) compare(t *testing.T, when string) {
	t.Helper()
	got, want := p.dbs["retort"], p.dbs["alembic"]
	gs, ws := append(toSchema(t, got), pfData(t, got)...), append(toSchema(t, want), pfData(t, want)...)
	if !slices.Equal(gs, ws) {
		t.Errorf("%s: retort's database differs from Alembic's:\n%s", when, toDiff(gs, ws))
	}
	if gr, wr := dbRows(t, got), dbRows(t, want); !slices.Equal(gr, wr) {
		t.Errorf("%s: alembic_version: retort %v, Alembic %v", when, gr, wr)
	}
}

// pfData lists every row of every user table as "rows <table>: v1|v2|...", sorted.
func pfData(t *testing.T, d dbTarget) []string {
	t.Helper()
	var out []string
	for _, table := range dbTables(t, d) {
		// a new statement text each time: pgx caches statements, and the tables change
		rows, err := d.db.Query(fmt.Sprintf("SELECT * FROM %s /* %d */", table, time.Now().UnixNano()))
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]sql.NullString, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			parts := make([]string, len(vals))
			for i, v := range vals {
				parts[i] = fmt.Sprint(v.String)
				if !v.Valid {
					parts[i] = "NULL"
				}
			}
			out = append(out, "rows "+table+": "+strings.Join(parts, "|"))
		}
		rows.Close()
	}
	slices.Sort(out)
	return out
}

// TestPythonForms: upgrade head and downgrade base of testdata/pyforms give the schema,
// rows and version table real Alembic gives, with the Python steps run by the project's
// interpreter and the native ones by retort; each Python step starts from committed work.
func TestPythonForms(t *testing.T) {
	for _, dialect := range dbDialects {
		t.Run(dialect, func(t *testing.T) {
			p := pfNew(t, dialect)
			for i, args := range [][]string{{"upgrade", "head"}, {"downgrade", "base"}, {"upgrade", "f04"}, {"upgrade", "head"}} {
				cmd := strings.Join(args, " ")
				want := p.alembic(t, args...)
				got := p.retort(t, args...)
				p.compare(t, "after "+cmd)
				if g, w := toRunning(got.stderr), toRunning(want.stderr); !slices.Equal(g, w) {
					t.Errorf("%s: retort logged\n%s\nAlembic logged\n%s", cmd, strings.Join(g, "\n"), strings.Join(w, "\n"))
				}
				if i == 0 && !strings.Contains(got.stderr, "INFO  [retort.python] Python 3.") {
					t.Errorf("%s: no line naming the Python that runs the steps:\n%s", cmd, got.stderr)
				}
				// Only a policy that keeps work open across revisions has anything to commit
				// before a Python step; a commit per revision (MySQL) has committed already.
				pending := dbPolicy(t, dialect, false, false) != dialectpkg.TxCommitPerRevision
				if i == 0 && pending != strings.Contains(got.stderr, "Committed the steps before f02, which runs in Python") {
					t.Errorf("%s: commit line before the Python step f02 expected %v:\n%s", cmd, pending, got.stderr)
				}
			}
			// f11 and f12 run natively: no Python is started for them
			r := p.retort(t, "downgrade", "f10")
			if !strings.Contains(r.stderr, "Revision f11 is transactional: false") || strings.Contains(r.stderr, "runs the revisions that need Python") {
				t.Errorf("downgrade f10: f11 did not run natively outside a transaction:\n%s", r.stderr)
			}
			p.alembic(t, "downgrade", "f10")
			p.compare(t, "after downgrade f10")
			p.retort(t, "upgrade", "head")
			p.alembic(t, "upgrade", "head")
			p.compare(t, "after upgrade head from f10")
			rows := dbStrings(t, p.dbs["retort"], "SELECT concat(name, ' ', tier) FROM customer")
			if want := []string{"ann gold", "bob std", "cy std"}; !slices.Equal(rows, want) {
				t.Errorf("customers = %v, want %v", rows, want)
			}
		})
	}
}

// TestPythonNeededButMissing: without an interpreter with Alembic the command fails
// before running anything, naming the file, the line that needs Python and the ini key.
func TestPythonNeededButMissing(t *testing.T) {
	p := pfNew(t, "sqlite")
	ini := filepath.Join(p.dir, "alembic.ini")
	data := regexp.MustCompile(`(?m)^python = .*$`).ReplaceAllLiteralString(string(toRead(t, ini)), "python = "+filepath.Join(p.dir, "no-such-python"))
	writeFile(t, p.dir, "alembic.ini", data)
	r := retort(t, p.dir, "-x", "url="+p.dbs["retort"].url, "upgrade", "head")
	want := "FAILED: " + filepath.Join(p.dir, "migrations", "versions", "f02_bind.py") + ":16: needs Python: conn = op.get_bind(); no Python with Alembic: " +
		filepath.Join(p.dir, "no-such-python") + ": not found; set the key python in section [alembic] of alembic.ini to the project's interpreter\n"
	if r.code != 1 || r.stderr[strings.LastIndex(strings.TrimSuffix(r.stderr, "\n"), "\n")+1:] != want {
		t.Errorf("exit %d, stderr:\n%s\nwant last line:\n%s", r.code, r.stderr, want)
	}
	if tables := dbTables(t, p.dbs["retort"]); len(tables) > 1 {
		t.Errorf("tables after the failed command: %v", tables)
	}
}

// TestPythonFormsOffline: `upgrade f04:f10 --sql` prints what Alembic prints, the Python
// steps rendered by Alembic's offline mode in the project's interpreter.
func TestPythonFormsOffline(t *testing.T) {
	for _, dialect := range dbDialects {
		t.Run(dialect, func(t *testing.T) {
			p := pfNew(t, dialect)
			args := []string{"upgrade", "f04:f10", "--sql"}
			want := p.alembic(t, args...)
			r := retort(t, p.dir, args...)
			if r.code != 0 {
				t.Fatalf("retort: exit %d\n%s", r.code, r.stderr)
			}
			if g, w := toStatements(r.stdout), toAlembicStatements(want.stdout); !slices.Equal(g, w) || len(w) < 10 {
				t.Errorf("--sql differs:\n%s", toStmtDiff(g, w))
			}
		})
	}
}
