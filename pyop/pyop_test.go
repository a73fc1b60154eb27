package pyop

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/retort-dev/retort/dialect"
	_ "github.com/retort-dev/retort/dialect/all"
	"github.com/retort-dev/retort/revision"
	"github.com/retort-dev/retort/schema"
	"github.com/retort-dev/retort/sqlscript"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from the current output")

// needsLiveTables are the revisions of a chain whose rendering reflects the live tables
// (batch blocks that rebuild a table), which TestGolden cannot render.
var needsLiveTables = map[string]map[string]bool{"sqlite": {"d4": true}}

// renderAsBatch are the dialects Alembic's autogenerate writes batch blocks for
// (render_as_batch in env.py).
var renderAsBatch = map[string]bool{"sqlite": true}

// chains are the revisions of testdata/versions each database runs, in order.
var chains = map[string][]string{
	"sqlite":     {"a1", "b2", "d4"},
	"postgresql": {"a1", "b2", "d4", "c3"},
}

// revisions reads testdata/versions by revision id.
func revisions(t testing.TB) map[string]*revision.File {
	t.Helper()
	files, err := revision.Scan([]string{filepath.Join("testdata", "versions")}, false)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*revision.File{}
	for _, f := range files {
		out[f.ID] = f
	}
	return out
}

func mustDialect(t *testing.T, name string) dialect.Dialect {
	t.Helper()
	d, err := dialect.Lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// body returns the statements of one side of a revision for d.
func body(t *testing.T, d dialect.Dialect, f *revision.File, up bool, opts Options) []sqlscript.Statement {
	t.Helper()
	calls, err := f.Calls(up)
	if err != nil {
		t.Fatal(err)
	}
	stmts, err := Statements(d, calls, opts)
	if err != nil {
		t.Fatal(err)
	}
	return stmts
}

// TestGolden renders every revision of each chain, both ways, and compares with
// testdata/golden/<rev>.<dialect>.sql (-update rewrites them).
func TestGolden(t *testing.T) {
	revs := revisions(t)
	for db, chain := range chains {
		d := mustDialect(t, db)
		for _, id := range chain {
			if needsLiveTables[db][id] {
				continue // rebuilds need the live tables: see TestOnline and TestOffline
			}
			t.Run(id+"."+db, func(t *testing.T) {
				var b strings.Builder
				for _, up := range []bool{true, false} {
					fmt.Fprintf(&b, "-- upgrade=%v\n", up)
					for _, s := range body(t, d, revs[id], up, Options{}) {
						fmt.Fprintf(&b, "-- line %d\n%s;\n", s.Line, s.SQL)
					}
				}
				compareGolden(t, filepath.Join("testdata", "golden", id+"."+db+".sql"), b.String())
			})
		}
	}
}

// TestErrors checks that what retort cannot run is one clear line naming file, line and call.
func TestErrors(t *testing.T) {
	const cannot = "; put it in a `with op.batch_alter_table(...)` block (Alembic's batch mode, which rebuilds the table) or write this step as SQL"
	live := func(_, table string) (*schema.Table, error) {
		return &schema.Table{Name: table, Columns: []*schema.Column{{Name: "x", Type: "INTEGER"}}}, nil
	}
	tests := []struct {
		db, body, want string
		live           bool
	}{
		{db: "sqlite", body: "op.alter_column('t', 'c', nullable=False)",
			want: "m.py:4: op.alter_column(...): sqlite cannot change a column's type, nullability or default with ALTER TABLE" + cannot},
		{db: "sqlite", body: "op.drop_constraint('fk', 't', type_='foreignkey')",
			want: "m.py:4: op.drop_constraint(...): sqlite cannot drop a constraint with ALTER TABLE" + cannot},
		{db: "sqlite", body: "with op.batch_alter_table('t') as b:\n        b.create_unique_constraint('uq', ['a'])",
			want: "m.py:4: op.batch_alter_table(...): rebuilding the table needs the live database (not available in --sql mode); write this step as SQL to get --sql output"},
		{db: "sqlite", live: true, body: "op.add_column('t', sa.Column('y', sa.Integer()))\n    with op.batch_alter_table('t') as b:\n        b.drop_column('x')",
			want: `m.py:5: needs Python: op.batch_alter_table("t") rebuilds a table an earlier operation of this revision changed`},
		{db: "sqlite", live: true, body: "with op.batch_alter_table('t') as b:\n        b.drop_constraint('uq_t_x', type_='unique')",
			want: "m.py:4: op.batch_alter_table(...): table t has no constraint named uq_t_x (SQLite keeps only the names written in CREATE TABLE)"},
		{db: "sqlite", live: true, body: "with op.batch_alter_table('t') as b:\n        b.alter_column('nope', nullable=False)",
			want: "m.py:4: op.batch_alter_table(...): table t has no column nope"},
		{db: "sqlite", live: true, body: "with op.batch_alter_table('t', recreate='sometimes') as b:\n        b.drop_column('x')",
			want: "m.py:4: op.batch_alter_table(...): op.batch_alter_table(recreate=...): must be 'auto', 'always' or 'never'"},
		{db: "postgresql", body: "with op.batch_alter_table('t') as b:\n        b.execute('SELECT 1')",
			want: "m.py:5: b.execute(...): unsupported operation (write this step as SQL with op.execute)"},
		{db: "postgresql", body: "op.add_column('t', sa.Column('id', sa.Integer(), sa.Computed('1'), sa.Computed('2'), nullable=False))",
			want: "m.py:4: op.add_column(...): unsupported sa.Column() argument sa.Computed('2') (write this step as SQL with op.execute)"},
		{db: "postgresql", body: "op.add_column('t', sa.Column('at', sa.DateTime(), server_default=sa.func.coalesce('a')))",
			want: "m.py:4: op.add_column(...): sa.Column(server_default=...): must be a string or sa.text(\"...\"), not sa.func.coalesce('a')"},
		{db: "postgresql", body: "op.create_index('ix', 't', ['a'], postgresql_concurrently=True)",
			want: "m.py:4: op.create_index(...): op.create_index(): unsupported argument postgresql_concurrently"},
		{db: "postgresql", body: "op.create_table('t',\n        sa.Column('a', sa.Integer()),\n        sa.ForeignKeyConstraint(['a'], ['p.id'], ondelete=1))",
			want: "m.py:6: op.create_table(...): sa.ForeignKeyConstraint(ondelete=...): must be a string, not 1"},
		{db: "postgresql", body: "op.bulk_insert(t, [])", want: "m.py:4: op.bulk_insert(...): unsupported operation (write this step as SQL with op.execute)"},
		{db: "postgresql", body: "op.create_table('t',\n        sa.Column('x', sa.Integer(), sa.ForeignKey('p.id')))", want: "m.py:5: op.create_table(...): unsupported sa.Column() argument sa.ForeignKey('p.id') (write this step as SQL with op.execute)"},
		{db: "postgresql", body: "op.add_column('t', sa.Column('x', mysql.LONGTEXT()))", want: "m.py:4: op.add_column(...): column x: type LONGTEXT is not supported on PostgreSQL by retort"},
		{db: "mysql", body: "op.add_column('t', sa.Column('x', mysql.GEOMETRY()))", want: "m.py:4: op.add_column(...): unsupported type mysql.GEOMETRY (write this step as SQL with op.execute)"},
		{db: "mysql", body: "op.alter_column('t', 'x', nullable=False)", want: "m.py:4: op.alter_column(...): alter_column(t, x) needs existing_type= on MySQL, which restates the whole column"},
		{db: "mysql", body: "op.drop_constraint('c', 't')", want: "m.py:4: op.drop_constraint(...): drop_constraint(c): no generic 'DROP CONSTRAINT' in MySQL - please specify constraint type (type_='foreignkey', 'unique', 'check' or 'primary')"},
		{db: "postgresql", body: "op.add_column('t', sa.Column('x', sa.Enum('a')))", want: "m.py:4: op.add_column(...): column x: an Enum needs name= on PostgreSQL"},
		{db: "sqlite", body: "op.add_column('t', sa.Column('x', postgresql.JSONB()))", want: "m.py:4: op.add_column(...): column x: type JSONB is not supported on SQLite"},
		{db: "postgresql", body: "op.drop_table('t', 'extra')", want: "m.py:4: op.drop_table(...): op.drop_table() takes at most 1 positional arguments"},
		{db: "postgresql", body: "op.create_index('ix', 't')", want: "m.py:4: op.create_index(...): op.create_index() missing required argument columns"},
		{db: "postgresql", body: "op.alter_column('t', 'c', nullable='yes')", want: "m.py:4: op.alter_column(...): op.alter_column(nullable=...): must be True, False or None, not 'yes'"},
		{db: "postgresql", body: "op.create_table('t', sa.Column('x', sa.DateTime(precision=3)))", want: "m.py:4: op.create_table(...): sa.DateTime(precision=...): time precision is not supported (write this step as SQL with op.execute)"},
		{db: "postgresql", body: "op.execute(sa.select(1))", want: "m.py:4: op.execute(...): op.execute(sqltext=...): must be a string or sa.text(\"...\"), not sa.select(1)"},
		{db: "postgresql", body: "op.drop_constraint('x', 't', type_='index')", want: "m.py:4: op.drop_constraint(...): op.drop_constraint(type_=...): must be 'foreignkey', 'unique', 'check' or 'primary', not \"index\""},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		path := filepath.Join(dir, "m.py")
		src := "revision = 'r'\ndown_revision = None\ndef upgrade():\n    " + tt.body + "\n"
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		f, err := revision.Parse(path, []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		calls, err := f.Calls(true)
		if err != nil {
			t.Fatalf("%s: %v", tt.body, err)
		}
		var opts Options
		if tt.live {
			opts.Live = live
		}
		_, err = Statements(mustDialect(t, tt.db), calls, opts)
		if err == nil {
			t.Errorf("%s on %s: no error, want %s", tt.body, tt.db, tt.want)
			continue
		}
		if got := strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), ""); got != tt.want {
			t.Errorf("%s on %s:\n got %s\nwant %s", tt.body, tt.db, got, tt.want)
		}
	}
}

// compareGolden compares got with the golden file at path (-update rewrites it).
func compareGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("%s differs:\ngot\n%s\nwant\n%s", path, got, want)
	}
}

// TestNativeForms renders forms real projects write that have no Alembic oracle here
// (SQLModel is not installed beside it).
func TestNativeForms(t *testing.T) {
	tests := []struct{ db, body, want string }{
		{"postgresql", "op.add_column('t', sa.Column('x', sqlmodel.sql.sqltypes.AutoString(), nullable=False))",
			"ALTER TABLE t ADD COLUMN x VARCHAR NOT NULL"},
		{"sqlite", "op.add_column('t', sa.Column('x', sqlmodel.sql.sqltypes.AutoString(length=20)))",
			"ALTER TABLE t ADD COLUMN x VARCHAR(20)"},
		{"postgresql", "op.add_column('t', sa.Column('x', sa.Integer(), unique=True))",
			"ALTER TABLE t ADD COLUMN x INTEGER; ALTER TABLE t ADD UNIQUE (x)"},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		path := filepath.Join(dir, "m.py")
		src := "revision = 'r'\ndown_revision = None\ndef upgrade():\n    " + tt.body + "\n"
		f, err := revision.Parse(path, []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		calls, err := f.Calls(true)
		if err != nil {
			t.Fatal(err)
		}
		stmts, err := Statements(mustDialect(t, tt.db), calls, Options{})
		if err != nil {
			t.Fatalf("%s: %v", tt.body, err)
		}
		var got []string
		for _, s := range stmts {
			got = append(got, s.SQL)
		}
		if g := strings.Join(got, "; "); g != tt.want {
			t.Errorf("%s on %s:\n got %s\nwant %s", tt.body, tt.db, g, tt.want)
		}
	}
}
