package runner

import (
	"context"
	"fmt"
	"github.com/retort-dev/retort/dialect"
	"testing"

	"github.com/retort-dev/retort/graph"
	"github.com/retort-dev/retort/sqlscript"
)

// BenchmarkApply1000 applies 1,000 trivial revisions (CREATE TABLE t_i) through the
// runner ("runner") and, as the floor, runs the same CREATE TABLEs and version-row
// statements in one transaction directly ("floor"). Database creation is not timed.
func BenchmarkApply1000(b *testing.B) {
	const n = 1000
	migs := make([]Migration, n)
	for i := range migs {
		id, prev := fmt.Sprintf("r%04d", i), fmt.Sprintf("r%04d", i-1)
		op := graph.VersionOp{Kind: graph.Update, From: prev, To: id}
		if i == 0 {
			op, prev = graph.VersionOp{Kind: graph.Insert, To: id}, ""
		}
		stmt := []sqlscript.Statement{{SQL: fmt.Sprintf("CREATE TABLE t_%d (id integer)", i), Line: 1}}
		migs[i] = Migration{
			Step: graph.Step{Revision: id, Up: true, From: ids(prev), To: []string{id}},
			Doc:  "create t", Transactional: true,
			Statements: func(context.Context, dialect.Dialect, dialect.Querier) ([]sqlscript.Statement, error) {
				return stmt, nil
			},
			Ops: []graph.VersionOp{op},
		}
	}
	for _, name := range dialect.Names() {
		b.Run(name+"/runner", func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				url := newURL(b, name)
				b.StartTimer()
				err := Run(context.Background(), Options{URL: url}, func([]string) ([]Migration, error) { return migs, nil })
				if err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/floor", func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				db, _ := open(b, newURL(b, name))
				b.StartTimer()
				tx, err := db.Begin()
				if err != nil {
					b.Fatal(err)
				}
				exec := func(q string) {
					if _, err := tx.Exec(q); err != nil {
						b.Fatal(err)
					}
				}
				exec("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")
				for i, m := range migs {
					exec(fmt.Sprintf("CREATE TABLE t_%d (id integer)", i))
					op := m.Ops[0]
					if op.Kind == graph.Insert {
						exec("INSERT INTO alembic_version (version_num) VALUES ('" + op.To + "')")
					} else {
						exec("UPDATE alembic_version SET version_num='" + op.To + "' WHERE alembic_version.version_num = '" + op.From + "'")
					}
				}
				if err := tx.Commit(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
