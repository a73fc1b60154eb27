package autogen_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
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
	ins, _ := autogen.LookupAutogen("postgresql")
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

// BenchmarkPlanSQLite1000 is BenchmarkPlanPostgres1000 on SQLite (the live database a
// file, the desired schema built in memory).
func BenchmarkPlanSQLite1000(b *testing.B) {
	ctx := context.Background()
	db, err := sql.Open("sqlite3", filepath.Join(b.TempDir(), "live.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	var ddl strings.Builder
	for i := 0; i < 1000; i++ {
		fmt.Fprintf(&ddl, "CREATE TABLE t%04d (id INTEGER PRIMARY KEY, code VARCHAR(20) NOT NULL UNIQUE, qty INTEGER CHECK (qty >= 0), prev_id INTEGER", i)
		if i > 0 {
			fmt.Fprintf(&ddl, " REFERENCES t%04d (id) ON DELETE CASCADE", i-1)
		}
		fmt.Fprintf(&ddl, ");\nCREATE INDEX ix_t%04d_prev ON t%04d (prev_id);\n", i, i)
	}
	if _, err := db.Exec(ddl.String()); err != nil {
		b.Fatal(err)
	}
	desired := []dialect.Script{{Name: "models.sql", SQL: ddl.String() + "CREATE TABLE extra (id INTEGER PRIMARY KEY);\n"}}
	ins, _ := autogen.LookupAutogen("sqlite")
	for b.Loop() {
		res, err := autogen.Plan(ctx, ins, db, desired, autogen.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if res.Upgrade != "CREATE TABLE extra (id INTEGER PRIMARY KEY);\n" {
			b.Fatalf("upgrade %q", res.Upgrade)
		}
	}
}
