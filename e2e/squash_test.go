package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// sqRevisions writes a 30-revision chain r01..r30: .sql files creating tables t01..t30
// (each with a foreign key to the one before, some writing rows), every 7th an Alembic
// .py body retort runs natively, every 9th one that needs Python.
func sqRevisions(t *testing.T, dir string) {
	t.Helper()
	versions := filepath.Join(dir, "migrations", "versions")
	for i := 1; i <= 30; i++ {
		id, prev := fmt.Sprintf("r%02d", i), fmt.Sprintf("r%02d", i-1)
		table, prevTable := "t"+id[1:], fmt.Sprintf("t%02d", i-1)
		down := prev
		if i == 1 {
			down = ""
		}
		fk := ""
		if i > 1 {
			fk = fmt.Sprintf(",\n    prev_id INTEGER REFERENCES %s (id)", prevTable)
		}
		switch {
		case i%9 == 0:
			writeFile(t, versions, id+"_py.py", fmt.Sprintf(`"""revision %[1]s needs Python"""
from alembic import op
import sqlalchemy as sa

revision = %[1]q
down_revision = %[2]q


def upgrade():
    op.create_table(%[3]q, sa.Column("id", sa.Integer(), primary_key=True), sa.Column("v", sa.String(20)))
    conn = op.get_bind()
    for n in range(3):
        conn.execute(sa.text("INSERT INTO %[3]s (id, v) VALUES (:n, 'x')"), {"n": n})


def downgrade():
    op.drop_table(%[3]q)
`, id, prev, table))
		case i%7 == 0:
			writeFile(t, versions, id+"_native.py", fmt.Sprintf(`"""revision %[1]s"""
from alembic import op
import sqlalchemy as sa

revision = %[1]q
down_revision = %[2]q


def upgrade():
    op.create_table(
        %[3]q,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=12), server_default="none", nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_%[3]s_code", %[3]q, ["code"], unique=True)


def downgrade():
    op.drop_index("ix_%[3]s_code", table_name=%[3]q)
    op.drop_table(%[3]q)
`, id, prev, table))
		default:
			up := fmt.Sprintf("CREATE TABLE %s (\n    id INTEGER NOT NULL PRIMARY KEY,\n    v VARCHAR(20) DEFAULT 'a' NOT NULL%s\n);", table, fk)
			if i%5 == 0 {
				up += fmt.Sprintf("\nINSERT INTO %s (id, v) VALUES (1, 'seed');", table)
			}
			writeFile(t, versions, id+"_sql.sql", fmt.Sprintf("-- revision %s\n--\n-- revision: %s\n-- down_revision: %s\n\n-- +upgrade\n%s\n\n-- +downgrade\nDROP TABLE %s;\n",
				id, id, down, up, table))
		}
	}
}

// sqProject writes the project with its ini naming d and the interpreter with Alembic.
func sqProject(t *testing.T, d dbTarget) string {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, dir, "alembic.ini", "[alembic]\nscript_location = %(here)s/migrations\nsqlalchemy.url = "+
		strings.ReplaceAll(d.url, "%", "%%")+"\npython = "+agPython(t)+"\n")
	sqRevisions(t, dir)
	return dir
}

func sqRetort(t *testing.T, dir string, d dbTarget, args ...string) result {
	t.Helper()
	return dbRetort(t, dir, append([]string{"-x", "url=" + d.url}, args...)...)
}

// TestSquash squashes the 30-revision project at r20: history shows the baseline and the
// ten revisions after it; a fresh database upgraded to head has the unsquashed project's
// schema; a database at r25 upgrades to head unchanged; the replaced files are in
// versions/squashed; the revisions that write rows are named on stderr.
func TestSquash(t *testing.T) {
	for _, tc := range []struct {
		dialect string
		fromURL bool // the schema from a database at r20, else built in a scratch database
	}{{"sqlite", false}, {"postgresql", false}, {"postgresql", true}} {
		dialect := tc.dialect
		name := dialect + map[bool]string{true: "/from-url", false: "/scratch"}[tc.fromURL]
		t.Run(name, func(t *testing.T) {
			ref, at20, at25, fresh := dbNew(t, dialect), dbNew(t, dialect), dbNew(t, dialect), dbNew(t, dialect)
			dir := sqProject(t, ref)
			sqRetort(t, dir, ref, "upgrade", "head")
			sqRetort(t, dir, at20, "upgrade", "r20")
			sqRetort(t, dir, at25, "upgrade", "r25")
			want := toSchema(t, ref)

			args := []string{"squash", "r20"}
			if tc.fromURL {
				args = append(args, "--from-url", at20.url)
			}
			r := dbRetort(t, dir, args...)
			for _, id := range []string{"r05", "r09", "r10", "r15", "r18", "r20"} {
				if !strings.Contains(r.stderr, "revision "+id+" writes rows") {
					t.Errorf("stderr does not name %s as writing rows:\n%s", id, r.stderr)
				}
			}
			if strings.Contains(r.stderr, "revision r07 writes rows") {
				t.Errorf("r07 writes no rows:\n%s", r.stderr)
			}
			moved, _ := filepath.Glob(filepath.Join(dir, "migrations", "versions", "squashed", "*"))
			if len(moved) != 20 {
				t.Errorf("%d files in versions/squashed, want 20", len(moved))
			}
			hist := strings.Split(strings.TrimSpace(dbRetort(t, dir, "history").stdout), "\n")
			if len(hist) != 11 || hist[10] != "<base> -> r20, squashed base to r20" || hist[0] != "r29 -> r30 (head), revision r30" {
				t.Errorf("history after squash:\n%s", strings.Join(hist, "\n"))
			}

			sqRetort(t, dir, fresh, "upgrade", "head")
			if got := toSchema(t, fresh); !slices.Equal(got, want) {
				t.Errorf("fresh upgrade after squash differs from the unsquashed project:\n%s", toDiff(got, want))
			}
			if rows := dbRows(t, fresh); !slices.Equal(rows, []string{"r30"}) {
				t.Errorf("fresh rows %v", rows)
			}
			sqRetort(t, dir, at25, "upgrade", "head")
			if got := toSchema(t, at25); !slices.Equal(got, want) {
				t.Errorf("database at r25 upgraded after squash differs:\n%s", toDiff(got, want))
			}
			sqRetort(t, dir, fresh, "downgrade", "base")
			if tables := dbTables(t, fresh); !slices.Equal(tables, []string{"alembic_version"}) {
				t.Errorf("tables after downgrade base of the squashed project: %v", tables)
			}
		})
	}
}

// TestSquashBreakingGraph: a revision branching off r15 would lose its parent when r20
// is squashed; the command fails and writes nothing.
func TestSquashBreakingGraph(t *testing.T) {
	d := dbNew(t, "sqlite")
	dir := sqProject(t, d)
	writeFile(t, filepath.Join(dir, "migrations", "versions"), "r15b_branch.sql",
		"-- a branch\n--\n-- revision: r15b\n-- down_revision: r15\n\n-- +upgrade\nSELECT 1;\n\n-- +downgrade\nSELECT 1;\n")
	before := sqListing(t, dir)
	r := retort(t, dir, "squash", "r20")
	wantErr := "FAILED: squash would break the graph: " + filepath.Join(dir, "migrations", "versions", "r15b_branch.sql") + " (revision r15b) needs r15"
	if r.code != 1 || !strings.HasPrefix(r.stderr, wantErr) {
		t.Errorf("exit %d, stderr %q, want it to start with %q", r.code, r.stderr, wantErr)
	}
	if after := sqListing(t, dir); !slices.Equal(after, before) {
		t.Errorf("files changed:\nbefore %v\nafter  %v", before, after)
	}
}

// sqListing lists every file under dir.
func sqListing(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			out = append(out, p)
		}
		return nil
	})
	return out
}
