package autogen

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"
	_ "github.com/mattn/go-sqlite3"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/sqlscript"
)

// TestCacheGivesFullBuildResult plans every case of testdata/cases (from.sql live, to.sql
// desired) and testdata/equivalent (a.sql live, b.sql desired) with an empty cache, again
// with the same cache, and again after one table's DDL changed: each plan must equal the
// plan without the cache. On PostgreSQL, where the cache is used, the warm plan must take
// every table from the cache and the changed plan must build some.
func TestCacheGivesFullBuildResult(t *testing.T) {
	type pair struct{ live, desired string }
	kinds := map[string]pair{"cases": {"from", "to"}, "equivalent": {"a", "b"}}
	for kind, files := range kinds {
		dirs, err := filepath.Glob(filepath.Join("testdata", kind, "*"))
		if err != nil || len(dirs) == 0 {
			t.Fatalf("no %s: %v", kind, err)
		}
		for _, dir := range dirs {
			for _, d := range []string{"sqlite", "postgresql"} {
				live, ok := CaseFile(dir, files.live, d)
				if !ok {
					continue
				}
				desired, ok := CaseFile(dir, files.desired, d)
				if !ok {
					t.Fatalf("%s: no %s.sql", dir, files.desired)
				}
				t.Run(kind+"/"+filepath.Base(dir)+"/"+d, func(t *testing.T) {
					t.Parallel()
					checkCacheOnCase(t, d, live, desired)
				})
			}
		}
	}
}

var firstCreateTable = regexp.MustCompile(`(?i)CREATE TABLE\s+[^\s(]+\s*\(`)

func checkCacheOnCase(t *testing.T, d, live, desired string) {
	ctx := context.Background()
	ins, err := LookupAutogen(d)
	if err != nil {
		t.Fatal(err)
	}
	db := OpenTestDB(t, d)
	execScript(t, db, live)
	changed := desired // a desired schema without tables has nothing to change
	if loc := firstCreateTable.FindStringIndex(desired); loc != nil {
		changed = desired[:loc[1]] + "cache_probe INTEGER, " + desired[loc[1]:]
	}

	dir := t.TempDir()
	steps := []struct {
		name, sql string
		misses    func(n int) bool // table groups built, given the group count
	}{
		{"cold", desired, func(n int) bool { return true }},
		{"warm", desired, func(n int) bool { return false }},
		{"changed", changed, func(n int) bool { return true }},
		{"changed again", changed, func(n int) bool { return false }},
	}
	for _, st := range steps {
		scripts := []dialect.Script{{Name: "desired.sql", SQL: st.sql}}
		want, err := Plan(ctx, ins, db, scripts, Options{})
		if err != nil {
			t.Fatalf("%s: plan without cache: %v", st.name, err)
		}
		got, err := Plan(ctx, ins, db, scripts, Options{CacheDir: dir})
		if err != nil {
			t.Fatalf("%s: plan with cache: %v", st.name, err)
		}
		if got.Upgrade != want.Upgrade || got.Downgrade != want.Downgrade || !reflect.DeepEqual(got.Lines, want.Lines) ||
			!reflect.DeepEqual(got.Warnings, want.Warnings) || !reflect.DeepEqual(got.Unsupported, want.Unsupported) ||
			got.Transactional != want.Transactional {
			t.Fatalf("%s: plan with cache differs:\n--- want\n%s\n%s\n%q\n--- got\n%s\n%s\n%q", st.name,
				want.Upgrade, want.Downgrade, want.Lines, got.Upgrade, got.Downgrade, got.Lines)
		}
		if !ins.ScratchNeedsServer() {
			if entries, _ := os.ReadDir(dir); len(entries) > 0 {
				t.Fatalf("%s: the cache was written for a dialect without a scratch server", st.name)
			}
			continue
		}
		gr, err := groupStatements(scripts, false, "public")
		if err != nil || len(gr.groups) == 0 {
			continue // a statement the cache cannot attribute (see TestCacheDisabled), or no table
		}
		// Plan just stored what this build needs: all of it comes from the cache now.
		_, stats, err := cachedScratch(ctx, ins, db, scripts, Options{CacheDir: dir})
		if err != nil {
			t.Fatal(err)
		}
		if !stats.used || stats.misses != 0 || stats.hits != len(gr.groups) {
			t.Fatalf("%s: after planning, the cache should serve all %d tables: %+v", st.name, len(gr.groups), stats)
		}
	}
}

// TestCacheMissesOnlyChangedTables: a changed table is built again, with the tables that
// reference it; the others come from the cache.
func TestCacheMissesOnlyChangedTables(t *testing.T) {
	ctx := context.Background()
	ins, _ := LookupAutogen("postgresql")
	db := OpenTestDB(t, "postgresql")
	base := `CREATE TYPE mood AS ENUM ('a', 'b');
CREATE TABLE p (id SERIAL PRIMARY KEY, m mood);
CREATE TABLE c (id SERIAL PRIMARY KEY, p_id INTEGER REFERENCES p (id));
CREATE TABLE other (id INTEGER PRIMARY KEY);
CREATE INDEX ix_other ON other (id);`
	dir := t.TempDir()
	run := func(ddl string) cacheStats {
		t.Helper()
		_, st, err := cachedScratch(ctx, ins, db, []dialect.Script{{Name: "d.sql", SQL: ddl}}, Options{CacheDir: dir})
		if err != nil || !st.used {
			t.Fatalf("cachedScratch: %v %+v", err, st)
		}
		return st
	}
	for _, tc := range []struct {
		name, ddl string
		misses    int
	}{
		{"cold", base, 3},
		{"warm", base, 0},
		{"parent changed: c references it", strings.Replace(base, "m mood)", "m mood, x TEXT)", 1), 2},
		{"child changed", strings.Replace(base, "p_id INTEGER", "p_id INT", 1), 1},
		{"index changed", strings.Replace(base, "ON other (id)", "ON other (id DESC)", 1), 1},
		{"type changed: every table", strings.Replace(base, "'b'", "'c'", 1), 3},
		{"statements reordered", strings.Replace(base, "CREATE INDEX ix_other ON other (id);", "", 1) + "\nCREATE INDEX ix_other ON other (id);", 0},
	} {
		if st := run(tc.ddl); st.misses != tc.misses {
			t.Errorf("%s: %d tables built, want %d (%+v)", tc.name, st.misses, tc.misses, st)
		}
	}
}

// TestCacheWithDevDatabase: with dev_url, schema-qualified names are cached too.
func TestCacheWithDevDatabase(t *testing.T) {
	ctx := context.Background()
	ins, _ := LookupAutogen("postgresql")
	live, dev := OpenTestDB(t, "postgresql"), OpenTestDB(t, "postgresql")
	execScript(t, live, `CREATE SCHEMA billing;
CREATE TABLE customer (id INTEGER PRIMARY KEY);
CREATE TABLE billing.invoice (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customer (id));`)
	desired := `CREATE SCHEMA billing;
CREATE TYPE billing.state AS ENUM ('draft', 'sent');
CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE billing.invoice (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customer (id), st billing.state);
CREATE INDEX ix_invoice_customer ON billing.invoice (customer_id);
COMMENT ON COLUMN billing.invoice.st IS 'state';`
	opts := Options{Inspect: dialect.InspectOptions{Schemas: []string{"public", "billing"}}, DevDB: dev}
	cached := opts
	cached.CacheDir = t.TempDir()
	for _, step := range []struct {
		name, ddl string
		misses    int
	}{
		{"cold", desired, 2},
		{"warm", desired, 0},
		{"referenced table changed", strings.Replace(desired, "name TEXT", "name VARCHAR(9)", 1), 2},
		{"referencing table changed", strings.Replace(desired, "'state'", "'invoice state'", 1), 1},
	} {
		scripts := []dialect.Script{{Name: "d.sql", SQL: step.ddl}}
		want, err := Plan(ctx, ins, live, scripts, opts)
		if err != nil {
			t.Fatal(err)
		}
		s, st, err := cachedScratch(ctx, ins, live, scripts, cached)
		if err != nil || !st.used || st.misses != step.misses || st.hits != 2-step.misses {
			t.Fatalf("%s: %v %+v, want %d tables built", step.name, err, st, step.misses)
		}
		current, err := ins.Inspect(ctx, live, opts.Inspect)
		if err != nil {
			t.Fatal(err)
		}
		got := Compare(ins, current, s)
		if got.Upgrade != want.Upgrade || got.Downgrade != want.Downgrade || !reflect.DeepEqual(got.Lines, want.Lines) {
			t.Fatalf("%s: plan with cache differs:\n%s\nwant:\n%s", step.name, got.Upgrade, want.Upgrade)
		}
	}
}

// TestCacheDisabled: statements the cache cannot attribute with certainty make the run
// use the full build.
func TestCacheDisabled(t *testing.T) {
	for _, stmt := range []string{
		"CREATE VIEW v AS SELECT 1",
		"CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$",
		"CREATE EXTENSION IF NOT EXISTS citext",
		"CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f()",
		"DO $$ BEGIN END $$",
		"SET search_path TO x",
		"INSERT INTO t VALUES (1)",
		"CREATE SEQUENCE s",
		"ALTER SEQUENCE t_id_seq OWNED BY t.id",
		"ALTER TABLE t RENAME TO u",
		"ALTER TABLE t SET SCHEMA other",
		"ALTER TABLE ALL IN TABLESPACE a SET TABLESPACE b",
		"ALTER TABLE t INHERIT p",
		"ALTER TABLE t ATTACH PARTITION p FOR VALUES IN (1)",
		"ALTER TABLE t ADD CHECK (x LIKE 'a%')",
		"CREATE TABLE c (id INT GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME s))",
		"ALTER TABLE t DROP CONSTRAINT t_pkey",
		"ALTER TABLE t DROP id",
		"ALTER TABLE t ADD COLUMN x INT REFERENCES elsewhere (id)",
		"ALTER TABLE t ALTER COLUMN id SET DEFAULT nextval('s')",
		"ALTER INDEX ix RENAME TO ix2",
		"CREATE TABLE c () INHERITS (t)",
		"CREATE TABLE c (LIKE t)",
		"CREATE TABLE c AS SELECT * FROM t",
		"CREATE TABLE c (a, b) AS VALUES (1, 2)",
		"CREATE TABLE c PARTITION OF t FOR VALUES IN (1)",
		"CREATE TEMP TABLE c (id int)",
		"CREATE UNLOGGED TABLE c (id int)",
		"CREATE TABLE c OF some_type",
		"CREATE TABLE t (id int)",                                // twice
		"CREATE INDEX ix ON unknown (id)",                        // not a desired table
		"COMMENT ON INDEX ix IS 'x'",                             // would need the index's table
		"CREATE INDEX ix ON public.t (id)",                       // qualified without a dev database
		"CREATE TABLE x" + strings.Repeat("y", 63) + " (id int)", // truncated by the server
		"DROP TABLE t",
		"ANALYZE t",
	} {
		t.Run(stmt, func(t *testing.T) {
			scripts := []dialect.Script{{Name: "d.sql", SQL: "CREATE TABLE t (id SERIAL PRIMARY KEY);\n" + stmt + ";\n"}}
			if gr, err := groupStatements(scripts, false, "public"); err != errNoCache {
				t.Fatalf("grouped: %s", describeGroups(gr))
			}
		})
	}

	t.Run("plan", func(t *testing.T) {
		ctx := context.Background()
		ins, _ := LookupAutogen("postgresql")
		db := OpenTestDB(t, "postgresql")
		dir := t.TempDir()
		scripts := []dialect.Script{{Name: "d.sql", SQL: "CREATE TABLE t (id INTEGER);\nCREATE VIEW v AS SELECT id FROM t;\n"}}
		s, st, err := cachedScratch(ctx, ins, db, scripts, Options{CacheDir: dir})
		if err != nil || st.used || len(s.Tables) != 1 || len(s.Unsupported) != 1 {
			t.Fatalf("want the full build (one table, one view): %v %+v %+v", err, st, s)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Fatalf("cache written: %d entries", len(entries))
		}
	})
}

// TestCacheCorruptEntry: an entry that cannot be read as one is a miss, and is replaced.
func TestCacheCorruptEntry(t *testing.T) {
	ctx := context.Background()
	ins, _ := LookupAutogen("postgresql")
	db := OpenTestDB(t, "postgresql")
	dir := t.TempDir()
	scripts := []dialect.Script{{Name: "d.sql", SQL: "CREATE TABLE a (id INTEGER PRIMARY KEY);\nCREATE TABLE b (id INTEGER PRIMARY KEY, n TEXT);\nCREATE TABLE c (id INTEGER);\n"}}
	want, err := scratch(ctx, ins, db, scripts, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, st, err := cachedScratch(ctx, ins, db, scripts, Options{CacheDir: dir}); err != nil || st.misses != 3 {
		t.Fatalf("cold: %v %+v", err, st)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(files) != 3 {
		t.Fatalf("%d entries, want 3", len(files))
	}
	sort.Strings(files)
	b, _ := os.ReadFile(files[2])
	corrupt := [][]byte{[]byte("{not json"), b[:len(b)/2]} // garbage, truncated
	for i, c := range corrupt {
		if err := os.WriteFile(files[i], c, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, st, err := cachedScratch(ctx, ins, db, scripts, Options{CacheDir: dir})
	if err != nil || !st.used || st.misses != 2 || st.hits != 1 {
		t.Fatalf("corrupt entries must be misses: %v %+v", err, st)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("schema from the cache differs from the full build:\n%+v\n%+v", got, want)
	}
	if _, st, _ := cachedScratch(ctx, ins, db, scripts, Options{CacheDir: dir}); st.hits != 3 {
		t.Fatalf("entries not replaced: %+v", st)
	}
}

// TestGroupStatements: statements are grouped by the table they target, whatever the
// spelling of its name, and a group references the tables its statements name.
func TestGroupStatements(t *testing.T) {
	for _, tc := range []struct {
		name, ddl string
		qualified bool
		want      string
	}{
		{"quoted and folded names", `CREATE TYPE "Mood" AS ENUM ('a');
CREATE TABLE "Users" (id SERIAL PRIMARY KEY, m "Mood");
CREATE TABLE orders (id INT PRIMARY KEY, "user" INT REFERENCES "Users" (id));
CREATE UNIQUE INDEX ix ON ORDERS (id);
CREATE INDEX ON ONLY "Users" (m);
COMMENT ON TABLE "Users" IS 'x; y';
COMMENT ON COLUMN Orders."user" IS 'who';
ALTER TABLE ONLY orders ADD CONSTRAINT c CHECK (id > 0);
ALTER TABLE IF EXISTS "Users" ADD COLUMN n TEXT -- REFERENCES orders
;`, false, `types 0
Users: 1 4 5 8 refs -
orders: 2 3 6 7 refs Users`},
		{"schema-qualified with a dev database", `CREATE TABLE s.a (id INT PRIMARY KEY);
CREATE TABLE a (id INT PRIMARY KEY, x INT REFERENCES s.a (id));
CREATE INDEX ix ON s.a (id);
COMMENT ON COLUMN s.a.id IS 'k';
COMMENT ON CONSTRAINT a_pkey ON a IS 'k';`, true, `s.a: 0 2 3 refs a
a: 1 4 refs s.a`},
		{"closure through foreign keys added later", `CREATE TABLE a (id INT PRIMARY KEY, b_id INT);
CREATE TABLE b (id INT PRIMARY KEY, c_id INT REFERENCES c (id));
CREATE TABLE c (id INT PRIMARY KEY);
ALTER TABLE a ADD FOREIGN KEY (b_id) REFERENCES b (id);`, false, `a: 0 3 refs b
b: 1 refs c
c: 2 refs -`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gr, err := groupStatements([]dialect.Script{{Name: "d.sql", SQL: tc.ddl}}, tc.qualified, "public")
			if err != nil {
				t.Fatal(err)
			}
			if got := describeGroups(gr); got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}

	gr, err := groupStatements([]dialect.Script{{Name: "d.sql", SQL: `CREATE TABLE a (id INT PRIMARY KEY, b_id INT);
CREATE TABLE b (id INT PRIMARY KEY, c_id INT REFERENCES c (id));
CREATE TABLE c (id INT PRIMARY KEY);
CREATE TABLE d (id INT);
ALTER TABLE a ADD FOREIGN KEY (b_id) REFERENCES b (id);`}}, false, "public")
	if err != nil {
		t.Fatal(err)
	}
	if cl := gr.closure(0); !reflect.DeepEqual(cl, map[int]bool{0: true, 1: true, 2: true}) {
		t.Errorf("closure of a = %v, want a, b, c", cl)
	}
}

// describeGroups prints the type statements' indexes, then each group's statements and
// the groups it references.
func describeGroups(gr *grouping) string {
	if gr == nil {
		return "<nil>"
	}
	var lines, types []string
	for i, s := range gr.stmts {
		if s.group < 0 {
			types = append(types, fmt.Sprint(i))
		}
	}
	if len(types) > 0 {
		lines = append(lines, "types "+strings.Join(types, " "))
	}
	name := func(g *tableGroup) string {
		if g.schema != "" {
			return g.schema + "." + g.name
		}
		return g.name
	}
	for _, g := range gr.groups {
		var parts []string
		for _, i := range g.stmts {
			parts = append(parts, fmt.Sprint(i))
		}
		var refs []string
		for _, r := range g.refs {
			refs = append(refs, name(gr.groups[r]))
		}
		sort.Strings(refs)
		if len(refs) == 0 {
			refs = []string{"-"}
		}
		lines = append(lines, name(g)+": "+strings.Join(parts, " ")+" refs "+strings.Join(refs, " "))
	}
	return strings.Join(lines, "\n")
}

func execScript(t *testing.T, db *sql.DB, src string) {
	t.Helper()
	stmts, err := sqlscript.Split(src, 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range stmts {
		if _, err := db.Exec(st.SQL); err != nil {
			t.Fatalf("line %d: %v", st.Line, err)
		}
	}
}
