package versions

import (
	"context"
	"database/sql"
	"errors"
	"reflect"
	"testing"

	"github.com/retort-dev/retort/dialect"
	_ "github.com/retort-dev/retort/dialect/all"
	"github.com/retort-dev/retort/graph"
	"github.com/retort-dev/retort/internal/testdb"
)

func TestSQLText(t *testing.T) {
	rt, _ := dialect.Lookup("postgresql")
	def := Table{}
	custom := Table{Name: "my_version", Schema: "s1", NoPK: true}
	tests := []struct{ got, want string }{
		{CreateSQL(rt, def), "CREATE TABLE alembic_version (\n\tversion_num VARCHAR(32) NOT NULL, \n\tCONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)\n)"},
		{CreateSQL(rt, custom), "CREATE TABLE s1.my_version (\n\tversion_num VARCHAR(32) NOT NULL\n)"},
		{CreateSQL(rt, Table{Name: "Versions"}), "CREATE TABLE \"Versions\" (\n\tversion_num VARCHAR(32) NOT NULL, \n\tCONSTRAINT \"Versions_pkc\" PRIMARY KEY (version_num)\n)"},
		{SelectSQL(rt, def), "SELECT alembic_version.version_num FROM alembic_version"},
		{OpSQL(rt, def, graph.VersionOp{Kind: graph.Insert, To: "r"}), "INSERT INTO alembic_version (version_num) VALUES ('r')"},
		{OpSQL(rt, def, graph.VersionOp{Kind: graph.Update, From: "a", To: "b"}), "UPDATE alembic_version SET version_num='b' WHERE alembic_version.version_num = 'a'"},
		{OpSQL(rt, def, graph.VersionOp{Kind: graph.Delete, From: "r"}), "DELETE FROM alembic_version WHERE alembic_version.version_num = 'r'"},
		{OpSQL(rt, custom, graph.VersionOp{Kind: graph.Update, From: "x", To: "y"}), "UPDATE s1.my_version SET version_num='y' WHERE s1.my_version.version_num = 'x'"},
		{OpSQL(rt, def, graph.VersionOp{Kind: graph.Insert, To: "it's"}), "INSERT INTO alembic_version (version_num) VALUES ('it''s')"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got  %q\nwant %q", tt.got, tt.want)
		}
	}
}

func TestSimulate(t *testing.T) {
	rows := []string{"a", "b"}
	rows = Simulate(rows, graph.VersionOp{Kind: graph.Insert, To: "c"})
	rows = Simulate(rows, graph.VersionOp{Kind: graph.Update, From: "a", To: "d"})
	rows = Simulate(rows, graph.VersionOp{Kind: graph.Delete, From: "b"})
	if want := []string{"d", "c"}; !reflect.DeepEqual(rows, want) {
		t.Errorf("got %v, want %v", rows, want)
	}
}

// hasSchemas are the dialects with schemas (CREATE SCHEMA, version_table_schema).
var hasSchemas = map[string]bool{"postgresql": true}

type env struct {
	db *sql.DB
	rt dialect.Dialect
}

func forEachDialect(t *testing.T, fn func(t *testing.T, e env)) {
	for _, name := range dialect.Names() {
		t.Run(name, func(t *testing.T) {
			db, d, err := dialect.Open(context.Background(), testdb.Open(t, name))
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			fn(t, env{db, d})
		})
	}
}

// TestOpsRowByRow applies the worked examples of Alembic's row rules one op at a time and
// checks the table after each, including the exactly-one-row failures.
func TestOpsRowByRow(t *testing.T) {
	forEachDialect(t, func(t *testing.T, e env) {
		ctx := context.Background()
		tables := []Table{{}}
		if hasSchemas[e.rt.Name()] {
			if _, err := e.db.Exec("CREATE SCHEMA s1"); err != nil {
				t.Fatal(err)
			}
			tables = append(tables, Table{Name: "my_version", Schema: "s1", NoPK: true})
		}
		for _, tb := range tables {
			rows, err := Read(ctx, e.db, e.rt, tb)
			if err != nil || rows != nil {
				t.Fatalf("Read of a missing table = %v, %v", rows, err)
			}
			for i, want := range []bool{true, false} {
				created, err := Ensure(ctx, e.db, e.rt, tb)
				if err != nil || created != want {
					t.Fatalf("Ensure #%d = %v, %v; want %v", i+1, created, err, want)
				}
			}
			steps := []struct {
				op      graph.VersionOp
				rows    []string
				wantErr string
			}{
				{graph.VersionOp{Kind: graph.Insert, To: "b"}, []string{"b"}, ""},
				{graph.VersionOp{Kind: graph.Insert, To: "c2"}, []string{"b", "c2"}, ""},
				{graph.VersionOp{Kind: graph.Update, From: "b", To: "c1"}, []string{"c1", "c2"}, ""},
				{graph.VersionOp{Kind: graph.Delete, From: "c1"}, []string{"c2"}, ""},
				{graph.VersionOp{Kind: graph.Update, From: "c2", To: "e"}, []string{"e"}, ""},
				{graph.VersionOp{Kind: graph.Update, From: "zz", To: "y"}, []string{"e"},
					"Online migration expected to match one row when updating 'zz' to 'y' in '" + tb.name() + "'; 0 found"},
				{graph.VersionOp{Kind: graph.Delete, From: "nope"}, []string{"e"},
					"Online migration expected to match one row when deleting 'nope' in '" + tb.name() + "'; 0 found"},
				{graph.VersionOp{Kind: graph.Delete, From: "e"}, nil, ""},
			}
			for _, s := range steps {
				err := Exec(ctx, e.db, e.rt, tb, s.op)
				var rc *RowCountError
				switch {
				case s.wantErr == "" && err != nil:
					t.Fatalf("%v: %v", s.op, err)
				case s.wantErr != "" && (!errors.As(err, &rc) || err.Error() != s.wantErr):
					t.Fatalf("%v: error %v, want %q", s.op, err, s.wantErr)
				}
				rows, err := Read(ctx, e.db, e.rt, tb)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(sortedCopy(rows), sortedCopy(s.rows)) {
					t.Fatalf("after %v rows = %v, want %v", s.op, rows, s.rows)
				}
			}
		}
		// Two rows with the same id (no primary key) make an update match two.
		if hasSchemas[e.rt.Name()] {
			tb := tables[1]
			for i := 0; i < 2; i++ {
				if err := Exec(ctx, e.db, e.rt, tb, graph.VersionOp{Kind: graph.Insert, To: "dup"}); err != nil {
					t.Fatal(err)
				}
			}
			err := Exec(ctx, e.db, e.rt, tb, graph.VersionOp{Kind: graph.Update, From: "dup", To: "x"})
			want := "Online migration expected to match one row when updating 'dup' to 'x' in 'my_version'; 2 found"
			if err == nil || err.Error() != want {
				t.Errorf("got %v, want %q", err, want)
			}
		}
		// With the primary key, a duplicate insert is the driver's error.
		if err := Exec(ctx, e.db, e.rt, Table{}, graph.VersionOp{Kind: graph.Insert, To: "p"}); err != nil {
			t.Fatal(err)
		}
		if err := Exec(ctx, e.db, e.rt, Table{}, graph.VersionOp{Kind: graph.Insert, To: "p"}); err == nil {
			t.Error("duplicate insert succeeded")
		}
		if err := Purge(ctx, e.db, e.rt, Table{}); err != nil {
			t.Fatal(err)
		}
		if rows, _ := Read(ctx, e.db, e.rt, Table{}); len(rows) != 0 {
			t.Errorf("rows after purge: %v", rows)
		}
	})
}

// TestReadStorageOrder: rows come back in storage order, not sorted.
func TestReadStorageOrder(t *testing.T) {
	forEachDialect(t, func(t *testing.T, e env) {
		ctx := context.Background()
		tb := Table{Name: "v", NoPK: true} // no index, so a plain scan in insertion order
		if _, err := Ensure(ctx, e.db, e.rt, tb); err != nil {
			t.Fatal(err)
		}
		want := []string{"zz", "aa", "mm"}
		for _, r := range want {
			if err := Exec(ctx, e.db, e.rt, tb, graph.VersionOp{Kind: graph.Insert, To: r}); err != nil {
				t.Fatal(err)
			}
		}
		got, err := Read(ctx, e.db, e.rt, tb)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("Read = %v, %v; want %v", got, err, want)
		}
	})
}

func sortedCopy(s []string) []string {
	out := append([]string{}, s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}
