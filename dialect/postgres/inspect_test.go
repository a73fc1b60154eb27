package postgres

import (
	"context"
	"database/sql"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/internal/testdb"
	"github.com/retort-dev/retort/sqlscript"
)

// countingQuerier counts the statements reflection sends.
type countingQuerier struct {
	dialect.Querier
	n atomic.Int64
}

func (c *countingQuerier) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	c.n.Add(1)
	return c.Querier.QueryContext(ctx, q, args...)
}

func (c *countingQuerier) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	c.n.Add(1)
	return c.Querier.ExecContext(ctx, q, args...)
}

func wideDB(t testing.TB, n int) *sql.DB {
	db, err := sql.Open("pgx", testdb.Postgres(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	// In batches: one transaction creating 1,000 tables takes ~6,000 locks, more than the
	// server's shared lock table holds while other tests run.
	stmts, err := sqlscript.Split(testdb.WideSchema(n), 1)
	if err != nil {
		t.Fatal(err)
	}
	for len(stmts) > 0 {
		k := min(300, len(stmts))
		batch := make([]string, k)
		for i, st := range stmts[:k] {
			batch[i] = st.SQL
		}
		if _, err := db.Exec(strings.Join(batch, ";\n")); err != nil {
			t.Fatal(err)
		}
		stmts = stmts[k:]
	}
	return db
}

// TestPostgresInspectQueryCount: reflection sends the same number of queries for 10 and
// for 1,000 tables, and reflects all of them completely.
func TestPostgresInspectQueryCount(t *testing.T) {
	ctx := context.Background()
	counts := map[int]int64{}
	for _, n := range []int{10, 1000} {
		db := wideDB(t, n)
		q := &countingQuerier{Querier: db}
		s, err := Dialect{}.Inspect(ctx, q, dialect.InspectOptions{})
		if err != nil {
			t.Fatal(err)
		}
		counts[n] = q.n.Load()
		if len(s.Tables) != n || len(s.Enums) != 1 {
			t.Fatalf("%d tables: reflected %d tables, %d enums", n, len(s.Tables), len(s.Enums))
		}
		last := s.Tables[n-1]
		if len(last.Columns) != 5 || last.PrimaryKey == nil || len(last.Uniques) != 1 || len(last.Checks) != 1 ||
			len(last.ForeignKeys) != 1 || len(last.Indexes) != 1 || last.Comment == "" || !last.Columns[0].Serial ||
			last.Columns[3].Type != "status" || last.ForeignKeys[0].OnDelete != "CASCADE" {
			t.Fatalf("%d tables: incomplete reflection of %s: %+v", n, last.Name, last)
		}
		if len(s.Unsupported) != 0 {
			t.Errorf("serial sequences must not be reported: %v", s.Unsupported[0].Name)
		}
	}
	if counts[10] != counts[1000] {
		t.Errorf("queries: %d for 10 tables, %d for 1,000", counts[10], counts[1000])
	}
	t.Logf("queries per reflection: %d", counts[10])
}

// BenchmarkPostgresInspect1000 reflects a 1,000-table schema.
func BenchmarkPostgresInspect1000(b *testing.B) {
	ctx := context.Background()
	db := wideDB(b, 1000)
	for b.Loop() {
		s, err := Dialect{}.Inspect(ctx, db, dialect.InspectOptions{})
		if err != nil || len(s.Tables) != 1000 {
			b.Fatalf("%v (%d tables)", err, len(s.Tables))
		}
	}
}

// TestPostgresInspectKeyColumns: the columns of keys, foreign keys and indexes are named
// as the server names them (quoted names for index parts, expressions printed), across
// a dropped column, and for a foreign key to a table that is not reflected.
func TestPostgresInspectKeyColumns(t *testing.T) {
	db, err := sql.Open("pgx", testdb.Postgres(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	_, err = db.Exec(`CREATE SCHEMA other;
CREATE TABLE other.ref ("Key" int, k2 text, PRIMARY KEY ("Key", k2));
CREATE TABLE p (gone int, id int PRIMARY KEY, "Select" text, "Mixed Case" int, a int, b text, UNIQUE ("Mixed Case", a));
ALTER TABLE p DROP COLUMN gone;
CREATE TABLE c (id int, rk int, rk2 text, pid int REFERENCES p (id),
  FOREIGN KEY (rk2, rk) REFERENCES other.ref (k2, "Key"), CHECK (rk > 0 AND rk2 <> ''), EXCLUDE USING btree (id WITH =));
CREATE INDEX ix_expr ON p (lower(b), "Select" DESC);
CREATE INDEX ix_incl ON p ("Mixed Case") INCLUDE (a) WHERE a > 0;`)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Dialect{}.Inspect(context.Background(), db, dialect.InspectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tb := range s.Tables {
		add := func(kind, name string, cols ...[]string) {
			var parts []string
			for _, c := range cols {
				parts = append(parts, strings.Join(c, "|"))
			}
			got = append(got, tb.Name+" "+kind+" "+name+": "+strings.Join(parts, " -> "))
		}
		if tb.PrimaryKey != nil {
			add("pk", tb.PrimaryKey.Name, tb.PrimaryKey.Columns)
		}
		for _, k := range tb.Uniques {
			add("unique", k.Name, k.Columns)
		}
		for _, k := range tb.Checks {
			add("check", k.Name, k.Columns)
		}
		for _, fk := range tb.ForeignKeys {
			add("fk", fk.Name, fk.Columns, []string{fk.RefSchema + "." + fk.RefTable}, fk.RefColumns)
		}
		for _, ix := range tb.Indexes {
			add("index", ix.Name, ix.Columns)
		}
	}
	want := []string{
		"c check c_check: rk|rk2",
		"c check c_id_excl: id",
		"c fk c_pid_fkey: pid -> .p -> id",
		"c fk c_rk2_rk_fkey: rk2|rk -> other.ref -> k2|Key",
		"p pk p_pkey: id",
		"p unique p_Mixed Case_a_key: Mixed Case|a",
		`p index ix_expr: lower(b)|"Select"`,
		`p index ix_incl: "Mixed Case"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
