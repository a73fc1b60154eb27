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
