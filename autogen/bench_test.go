package autogen_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"github.com/retort-dev/retort/autogen"
	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/internal/testdb"
)

// BenchmarkPlanPostgres1000 plans a revision against a 1,000-table database whose desired
// schema adds one column: reflection of the live database, the desired DDL run in a
// scratch schema and reflected, the diff and the rendering.
func BenchmarkPlanPostgres1000(b *testing.B) {
	ctx := context.Background()
	db, err := sql.Open("pgx", testdb.Postgres(b))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	ddl := testdb.WideSchema(1000)
	if _, err := db.Exec(ddl); err != nil {
		b.Fatal(err)
	}
	desired := []dialect.Script{{Name: "models.sql", SQL: strings.Replace(ddl, "CREATE TABLE t0500 (", "CREATE TABLE t0500 (extra TEXT, ", 1)}}
	ins, _ := dialect.Lookup("postgresql")
	for b.Loop() {
		res, err := autogen.Plan(ctx, ins, db, desired, autogen.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if res.Upgrade != "ALTER TABLE t0500 ADD COLUMN extra text;\n" {
			b.Fatalf("upgrade %q", res.Upgrade)
		}
	}
}
