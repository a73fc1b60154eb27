package autogen_test

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"
	_ "github.com/mattn/go-sqlite3"

	"github.com/retort-dev/retort/autogen"
	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/schema"
	"github.com/retort-dev/retort/sqlscript"
)

var update = flag.Bool("update", false, "rewrite the golden upgrade/downgrade files of testdata/cases")

// dialects are the databases a case can run on; a case runs on those it has a from file
// for: from.<dialect>.sql, or from.sql for all. A case that cannot apply to one of them
// says why in skip.<dialect> (e.g. a PostgreSQL-only feature in a shared from.sql).
var dialects = dialect.Names()

// inspector returns dialect d's autogenerate side.
func inspector(t *testing.T, d string) dialect.Autogenerator {
	ins, err := autogen.LookupAutogen(d)
	if err != nil {
		t.Fatal(err)
	}
	return ins
}

// TestCorpus runs every case of testdata/cases on a real database: apply from.sql and
// seed.sql, plan against to.sql (the SQL must equal upgrade/downgrade.<dialect>.sql),
// apply the upgrade, re-plan (must be empty), check the seeded rows, apply the downgrade,
// re-plan against from.sql (must be empty) and check the rows again.
func TestCorpus(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("testdata", "cases", "*"))
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) == 0 {
		t.Fatal("no cases in testdata/cases")
	}
	for _, dir := range dirs {
		for _, d := range dialects {
			from, ok := autogen.CaseFile(dir, "from", d)
			why, skip := os.ReadFile(filepath.Join(dir, "skip."+autogen.CaseDialect(d)))
			if !ok && skip != nil {
				continue
			}
			t.Run(filepath.Base(dir)+"/"+d, func(t *testing.T) {
				if skip == nil {
					t.Skipf("not for %s: %s", d, strings.TrimSpace(string(why)))
				}
				t.Parallel()
				runCase(t, dir, d, from)
			})
		}
	}
}

func runCase(t *testing.T, dir, d, from string) {
	to, ok := autogen.CaseFile(dir, "to", d)
	if !ok {
		t.Fatalf("%s: no to.sql for %s", dir, d)
	}
	ins := inspector(t, d)
	db := autogen.OpenTestDB(t, d)
	apply(t, db, "from.sql", from, true)
	if seed, ok := autogen.CaseFile(dir, "seed", d); ok {
		apply(t, db, "seed.sql", seed, true)
	}
	before := snapshot(t, ins, db)

	res := plan(t, ins, db, to)
	golden(t, filepath.Join(dir, "upgrade."+autogen.CaseDialect(d)+".sql"), res.Upgrade)
	golden(t, filepath.Join(dir, "downgrade."+autogen.CaseDialect(d)+".sql"), res.Downgrade)
	if res.Empty {
		t.Fatalf("case %s plans no operations", dir)
	}

	apply(t, db, "upgrade", res.Upgrade, res.Transactional)
	if again := plan(t, ins, db, to); !again.Empty {
		t.Fatalf("after upgrade the database still differs from to.sql:\n%s", strings.Join(again.Lines, "\n"))
	}
	upgraded := snapshot(t, ins, db)
	checkRows(t, "after upgrade", before, upgraded)

	apply(t, db, "downgrade", res.Downgrade, res.Transactional)
	if again := plan(t, ins, db, from); !again.Empty {
		t.Fatalf("after downgrade the database differs from from.sql:\n%s", strings.Join(again.Lines, "\n"))
	}
	// a column dropped by the upgrade comes back empty: compare what survived both ways
	checkRows(t, "after downgrade", intersect(before, upgraded), snapshot(t, ins, db))
}

func plan(t *testing.T, ins dialect.Autogenerator, db *sql.DB, desired string) *autogen.Result {
	t.Helper()
	res, err := autogen.Plan(context.Background(), ins, db, []dialect.Script{{Name: "to.sql", SQL: desired}}, autogen.Options{})
	if err != nil {
		t.Fatalf("plan: %v", err)
	}
	return res
}

// apply runs a script statement by statement, in one transaction when transactional.
// A PRAGMA foreign_key_check that returns rows fails, as it must fail a migration.
func apply(t *testing.T, db *sql.DB, name, src string, transactional bool) {
	t.Helper()
	ctx := context.Background()
	stmts, err := sqlscript.Split(src, 1)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var q dialect.Querier = db
	var tx *sql.Tx
	if transactional {
		if tx, err = db.BeginTx(ctx, nil); err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
		q = tx
	}
	for _, st := range stmts {
		if _, err := q.ExecContext(ctx, st.SQL); err != nil {
			t.Fatalf("%s:%d: %v\n%s", name, st.Line, err, st.SQL)
		}
	}
	if tx != nil {
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
	}
}

// rowsOf maps table -> column -> the column's values in row order.
type rowsOf map[string]map[string][]string

// snapshot reads every table of the database (its version table aside).
func snapshot(t *testing.T, d dialect.Inspector, db *sql.DB) rowsOf {
	t.Helper()
	ctx := context.Background()
	s, err := d.Inspect(ctx, db, dialect.InspectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	out := rowsOf{}
	for _, tb := range s.Tables {
		out[tb.Name] = tableRows(t, d, db, tb)
	}
	return out
}

func tableRows(t *testing.T, d dialect.Inspector, db *sql.DB, tb *schema.Table) map[string][]string {
	rows, err := db.Query(fmt.Sprintf(`SELECT * FROM %s ORDER BY 1`, d.(interface{ QuoteIdent(string) string }).QuoteIdent(tb.Name)))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	out := map[string][]string{}
	generated := map[string]bool{}
	for _, c := range tb.Columns {
		generated[c.Name] = c.Generated != ""
	}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		for i, c := range cols {
			if generated[c] {
				continue // computed: it may rightly change
			}
			v := vals[i]
			if b, ok := v.([]byte); ok {
				v = string(b)
			}
			out[c] = append(out[c], fmt.Sprint(v))
		}
	}
	return out
}

// checkRows: every value of want (table, column) is still there in got.
func checkRows(t *testing.T, when string, want, got rowsOf) {
	t.Helper()
	for tb, cols := range want {
		gcols, ok := got[tb]
		if !ok {
			continue // table dropped
		}
		names := make([]string, 0, len(cols))
		for c := range cols {
			names = append(names, c)
		}
		sort.Strings(names)
		for _, c := range names {
			gv, ok := gcols[c]
			if !ok {
				continue // column dropped
			}
			if strings.Join(gv, "|") != strings.Join(cols[c], "|") {
				t.Errorf("%s: %s.%s = %q, want %q", when, tb, c, gv, cols[c])
			}
		}
	}
}

// intersect keeps the tables and columns of a that b has too.
func intersect(a, b rowsOf) rowsOf {
	out := rowsOf{}
	for tb, cols := range a {
		if bc, ok := b[tb]; ok {
			out[tb] = map[string][]string{}
			for c, v := range cols {
				if _, ok := bc[c]; ok {
					out[tb][c] = v
				}
			}
		}
	}
	return out
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the plan:\n--- want\n%s\n--- got\n%s", path, want, got)
	}
}
