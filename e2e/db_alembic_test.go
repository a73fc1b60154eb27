package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// dbDiffGraph has two roots, a branch point, a labelled branch, a merge and a
// dependency across roots. Bodies use IF [NOT] EXISTS so that stamps, which move rows
// without running bodies, leave later commands runnable on both tools.
var dbDiffGraph = []dbRev{
	{id: "aa1100000001"},
	{id: "ab2200000002", down: "aa1100000001"},
	{id: "ac3300000003", down: "ab2200000002"},
	{id: "ba1100000004", down: "aa1100000001", labels: "feature"},
	{id: "bb2200000005", down: "ba1100000004"},
	{id: "cc1100000006", down: "ac3300000003,bb2200000005"},
	{id: "cd2200000007", down: "cc1100000006"},
	{id: "da1100000008", labels: "lib"},
	{id: "db2200000009", down: "da1100000008"},
	{id: "ea1100000010", down: "cd2200000007", deps: "da1100000008"},
}

// dbDiffCommands is the command sequence both tools run, each followed by a comparison.
var dbDiffCommands = [][]string{
	{"upgrade", "ab22"},
	{"upgrade", "+1"},
	{"upgrade", "feature@head"},
	{"downgrade", "feature@-1"},
	{"upgrade", "cc11"},
	{"upgrade", "lib@+1"},
	{"upgrade", "ea11"},
	{"upgrade", "heads"},
	{"downgrade", "lib@-1"},
	{"downgrade", "cd22"},
	{"downgrade", "ab2200000002"},
	{"upgrade", "ac33+1"},
	{"stamp", "ab22", "da11"},
	{"upgrade", "head"}, // fails on both: several heads
	{"upgrade", "heads"},
	{"downgrade", "lib@base"},
	{"stamp", "--purge", "bb22"},
	{"upgrade", "+2"},
	{"downgrade", "-2"},
	{"stamp", "base"},
	{"upgrade", "lib@head"},
	{"downgrade", "base"},
}

// dbDiffFailing are the commands of dbDiffCommands that fail (on both tools).
var dbDiffFailing = map[string]bool{
	"upgrade head": true, // several heads
	"downgrade -2": true, // from the merge point cd22: "Ambiguous walk"
}

// dbAlembicProject writes the graph as Alembic .py revisions (op.execute bodies) into an
// `alembic init` project in dir, with one ini per database: <name>.ini.
func dbAlembicProject(t *testing.T, alembic []string, dir string, revs []dbRev, dbs map[string]dbTarget) {
	t.Helper()
	if r := runIn(t, dir, alembic[0], append(alembic[1:], "init", "migrations")...); r.code != 0 {
		t.Fatalf("alembic init: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	ini, err := os.ReadFile(filepath.Join(dir, "alembic.ini"))
	if err != nil {
		t.Fatal(err)
	}
	urlLine := regexp.MustCompile(`(?m)^sqlalchemy\.url = .*$`)
	for name, d := range dbs {
		writeFile(t, dir, name+".ini", urlLine.ReplaceAllLiteralString(string(ini), "sqlalchemy.url = "+strings.ReplaceAll(d.url, "%", "%%")))
	}
	pyList := func(csv string) string {
		if csv == "" {
			return "None"
		}
		var q []string
		for _, s := range strings.Split(csv, ",") {
			q = append(q, "'"+s+"'")
		}
		return "(" + strings.Join(q, ", ") + ",)"
	}
	for i, r := range revs {
		body := fmt.Sprintf(`"""revision %s

Revision ID: %s
"""
from alembic import op

revision = '%s'
down_revision = %s
branch_labels = %s
depends_on = %s


def upgrade():
    op.execute("""%s""")


def downgrade():
    op.execute("""%s""")
`, r.id, r.id, r.id, pyList(r.down), pyList(r.labels), pyList(r.deps), r.up, r.downSQL)
		writeFile(t, dir, filepath.Join("migrations", "versions", fmt.Sprintf("%04d_%s.py", i, r.id)), body)
	}
}

// dbState is what the comparison looks at after a command.
type dbState struct {
	ok     bool
	rows   []string
	tables []string
}

func (s dbState) String() string {
	return fmt.Sprintf("ok=%v rows=%v tables=%v", s.ok, s.rows, s.tables)
}

// TestDBAlembicDifferential runs the same command sequence with the real Alembic on one
// database (the graph as .py files) and with retort on another (the graph as .sql files),
// comparing the alembic_version rows and the tables after every command; then mixes the
// tools on one database, each continuing what the other left, against Alembic alone.
func TestDBAlembicDifferential(t *testing.T) {
	alembic := alembicCommand(t)
	revs := slices.Clone(dbDiffGraph)
	for i := range revs {
		revs[i].up = "CREATE TABLE IF NOT EXISTS t" + revs[i].id + " (id INTEGER)"
		revs[i].downSQL = "DROP TABLE IF EXISTS t" + revs[i].id
	}
	for _, dialect := range dbDialects {
		t.Run(dialect, func(t *testing.T) {
			dbs := map[string]dbTarget{}
			for _, name := range []string{"alembic", "retort", "mixed", "reference"} {
				dbs[name] = dbNew(t, dialect)
			}
			adir := t.TempDir()
			dbAlembicProject(t, alembic, adir, revs, dbs)
			sqlRevs := slices.Clone(revs)
			for i := range sqlRevs {
				sqlRevs[i].up += ";"
				sqlRevs[i].downSQL += ";"
			}
			rdir := dbProject(t, dbs["retort"], sqlRevs, "")
			runAlembic := func(db string, args []string) dbState {
				r := runIn(t, adir, alembic[0], append(append(alembic[1:], "-c", db+".ini"), args...)...)
				if r.code != 0 && r.code != 255 {
					t.Fatalf("alembic %v crashed: %d\n%s%s", args, r.code, r.stdout, r.stderr)
				}
				return dbState{r.code == 0, dbRows(t, dbs[db]), dbTables(t, dbs[db])}
			}
			runRetort := func(db string, args []string) dbState {
				r := retort(t, rdir, append([]string{"-x", "url=" + dbs[db].url}, args...)...)
				if r.code != 0 && !strings.HasPrefix(r.stderr[strings.LastIndex(strings.TrimSuffix(r.stderr, "\n"), "\n")+1:], "FAILED: ") {
					t.Fatalf("retort %v: %d\n%s%s", args, r.code, r.stdout, r.stderr)
				}
				return dbState{r.code == 0, dbRows(t, dbs[db]), dbTables(t, dbs[db])}
			}
			for _, args := range dbDiffCommands {
				want, got := runAlembic("alembic", args), runRetort("retort", args)
				cmd := strings.Join(args, " ")
				if want.ok == dbDiffFailing[cmd] {
					t.Errorf("%s: Alembic ok=%v; the sequence expects ok=%v", cmd, want.ok, !dbDiffFailing[cmd])
				}
				if want.String() != got.String() {
					t.Errorf("%s:\nalembic %v\n retort %v", cmd, want, got)
				}
			}

			// One database migrated in turns by both tools, against Alembic alone.
			mixed := []struct {
				alembic bool
				args    []string
			}{
				{true, []string{"upgrade", "ab22"}},
				{false, []string{"upgrade", "feature@head"}},
				{true, []string{"upgrade", "heads"}},
				{false, []string{"downgrade", "cd22"}},
				{true, []string{"downgrade", "lib@base"}},
				{false, []string{"upgrade", "ea11"}},
				{true, []string{"downgrade", "ab22"}},
				{false, []string{"downgrade", "base"}},
			}
			for _, m := range mixed {
				var got dbState
				if m.alembic {
					got = runAlembic("mixed", m.args)
				} else {
					got = runRetort("mixed", m.args)
				}
				want := runAlembic("reference", m.args)
				if !want.ok || want.String() != got.String() {
					t.Errorf("%s (by %s):\n   mixed %v\nalembic %v", strings.Join(m.args, " "), map[bool]string{true: "alembic", false: "retort"}[m.alembic], got, want)
				}
			}
		})
	}
}
