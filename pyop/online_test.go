package pyop

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/internal/testdb"
)

// TestOnline applies each chain's upgrades to a real database, compares the reflected
// tables (columns, types, nullability, defaults, keys, indexes) with
// testdata/golden/online.<dialect>.txt, then applies the downgrades in reverse and checks
// that each one brings back the schema (and row counts) its upgrade started from.
func TestOnline(t *testing.T) {
	for db, chain := range chains {
		t.Run(db, func(t *testing.T) {
			url := testdb.Open(t, db)
			ctx := context.Background()
			conn, d, err := dialect.Open(ctx, url)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			revs := revisions(t)
			var ran strings.Builder // every statement run, for testdata/golden/online.<dialect>.sql
			apply := func(id string, up bool) {
				t.Helper()
				fmt.Fprintf(&ran, "-- %s upgrade=%v\n", id, up)
				for _, s := range body(t, d, revs[id], up, Options{Live: Reflector(ctx, d, conn)}) {
					fmt.Fprintf(&ran, "%s;\n", s.SQL)
					if _, err := conn.ExecContext(ctx, s.SQL); err != nil {
						t.Fatalf("%s line %d: %v\n%s", id, s.Line, err, s.SQL)
					}
				}
			}
			before := make([]string, len(chain)) // the schema each upgrade starts from
			for i, id := range chain {
				before[i] = describeSchema(t, ctx, d, conn)
				apply(id, true)
			}
			got := describeSchema(t, ctx, d, conn)
			compareGolden(t, filepath.Join("testdata", "golden", "online."+db+".txt"), got)
			for i := len(chain) - 1; i >= 0; i-- {
				apply(chain[i], false)
				// columns added back by a downgrade come last, as in Alembic
				if back := describeSchema(t, ctx, d, conn); sortedBlocks(back) != sortedBlocks(before[i]) {
					t.Errorf("downgrade of %s left\n%s\nwant the schema before its upgrade\n%s", chain[i], back, before[i])
				}
			}
			compareGolden(t, filepath.Join("testdata", "golden", "online."+db+".sql"), ran.String())
		})
	}
}

// describeSchema reflects the database and prints one line per table, column, key and index.
func describeSchema(t *testing.T, ctx context.Context, d dialect.Dialect, q *sql.DB) string {
	t.Helper()
	s, err := d.(dialect.Inspector).Inspect(ctx, q, dialect.InspectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, tb := range s.Tables {
		var rows int
		if err := q.QueryRowContext(ctx, "SELECT count(*) FROM "+d.QuoteIdent(tb.Name)).Scan(&rows); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "table %s comment=%q rows=%d\n", tb.Name, tb.Comment, rows)
		for _, c := range tb.Columns {
			fmt.Fprintf(&b, "  column %s %s notnull=%v default=%q serial=%v comment=%q\n", c.Name, c.Type, c.NotNull, c.Default, c.Serial, c.Comment)
		}
		if tb.PrimaryKey != nil {
			fmt.Fprintf(&b, "  primary key %v\n", tb.PrimaryKey.Columns)
		}
		for _, k := range tb.Uniques {
			fmt.Fprintf(&b, "  unique %s\n", k.Def)
		}
		for _, k := range tb.Checks {
			fmt.Fprintf(&b, "  check %s\n", k.Def)
		}
		for _, fk := range tb.ForeignKeys {
			fmt.Fprintf(&b, "  foreign key %v -> %s%v on delete %s on update %s\n", fk.Columns, fk.RefTable, fk.RefColumns, fk.OnDelete, fk.OnUpdate)
		}
		for _, ix := range tb.Indexes {
			fmt.Fprintf(&b, "  index %s unique=%v %s\n", ix.Name, ix.Unique, ix.Def)
		}
	}
	for _, e := range s.Enums {
		fmt.Fprintf(&b, "enum %s %v\n", e.Name, e.Values)
	}
	return b.String()
}

// sortedBlocks sorts the lines under each "table" line of a description.
func sortedBlocks(desc string) string {
	var out, block []string
	flush := func() {
		sort.Strings(block)
		out = append(out, block...)
		block = nil
	}
	for _, l := range strings.Split(desc, "\n") {
		if !strings.HasPrefix(l, " ") {
			flush()
			out = append(out, l)
			continue
		}
		block = append(block, l)
	}
	flush()
	return strings.Join(out, "\n")
}
