package autogen_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/retort-dev/retort/autogen"
	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/sqlscript"
)

// TestEquivalent: each testdata/equivalent case writes one schema two ways; after
// applying a.sql, planning against b.sql must find nothing to do.
func TestEquivalent(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("testdata", "equivalent", "*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, dir := range dirs {
		for _, d := range dialects {
			a, ok := autogen.CaseFile(dir, "a", d)
			if !ok {
				continue
			}
			t.Run(filepath.Base(dir)+"/"+d, func(t *testing.T) {
				t.Parallel()
				b, ok := autogen.CaseFile(dir, "b", d)
				if !ok {
					t.Fatal("no b.sql")
				}
				ins := inspector(t, d)
				db := autogen.OpenTestDB(t, d)
				apply(t, db, "a.sql", a, true)
				if res := plan(t, ins, db, b); !res.Empty {
					t.Fatalf("a.sql and b.sql should be the same schema, got:\n%s", strings.Join(res.Lines, "\n"))
				}
			})
		}
	}
}

// TestUnsupportedObjects: views and triggers are not diffed into SQL, but every one that
// differs is named.
func TestUnsupportedObjects(t *testing.T) {
	live := `CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER);
CREATE VIEW v_same AS SELECT id FROM t;
CREATE VIEW v_changed AS SELECT id FROM t;
CREATE VIEW v_gone AS SELECT n FROM t;`
	desired := `CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER);
CREATE VIEW v_same AS SELECT id FROM t;
CREATE VIEW v_changed AS SELECT id, n FROM t;
CREATE VIEW v_new AS SELECT n FROM t;`
	for _, d := range dialects {
		t.Run(d, func(t *testing.T) {
			ins := inspector(t, d)
			db := autogen.OpenTestDB(t, d)
			apply(t, db, "live", live, true)
			res := plan(t, ins, db, desired)
			if !res.Empty {
				t.Errorf("views must not produce operations, got %q", res.Lines)
			}
			want := []string{
				"view v_changed differs between the desired schema and the database; autogenerate does not alter views, write it by hand",
				"view v_new is in the desired schema but not in the database; autogenerate does not create views, write it by hand",
				"view v_gone is in the database but not in the desired schema; autogenerate does not drop views, write it by hand",
			}
			if strings.Join(res.Unsupported, "\n") != strings.Join(want, "\n") {
				t.Errorf("unsupported:\n%s\nwant:\n%s", strings.Join(res.Unsupported, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

// TestDesiredSchemaErrors: a failing statement is reported with its script, line and text.
func TestDesiredSchemaErrors(t *testing.T) {
	ddl := "CREATE TABLE a (id INTEGER PRIMARY KEY);\n\nCREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a (id));\nCREATE TABLE a (id INTEGER);\n"
	for _, d := range dialects {
		t.Run(d, func(t *testing.T) {
			ins := inspector(t, d)
			db := autogen.OpenTestDB(t, d)
			_, err := autogen.Plan(context.Background(), ins, db, []dialect.Script{{Name: "models.sql", SQL: ddl}}, autogen.Options{})
			var se *dialect.ScriptError
			if !errors.As(err, &se) {
				t.Fatalf("want a ScriptError, got %v", err)
			}
			if se.Script != "models.sql" || se.Line != 4 || se.Statement != "CREATE TABLE a (id INTEGER)" {
				t.Errorf("error names %s:%d %q", se.Script, se.Line, se.Statement)
			}
			if !strings.HasPrefix(err.Error(), "autogenerate: desired schema: models.sql:4: ") {
				t.Errorf("message %q", err)
			}
		})
	}
}

// TestScratchStaysInside: on PostgreSQL the desired schema cannot reach a live table by a
// qualified name, and nothing of the scratch schema is left behind.
func TestScratchStaysInside(t *testing.T) {
	ctx := context.Background()
	ins, _ := autogen.LookupAutogen("postgresql")
	db := autogen.OpenTestDB(t, "postgresql")
	apply(t, db, "live", "CREATE TABLE public.keep (id INTEGER PRIMARY KEY);", true)
	for _, ddl := range []string{
		"CREATE TABLE public.sneaky (id INTEGER)",
		"ALTER TABLE public.keep ADD COLUMN x INTEGER",
		"CREATE TABLE c (id INTEGER REFERENCES public.keep (id))",
	} {
		_, err := autogen.Plan(ctx, ins, db, []dialect.Script{{Name: "to.sql", SQL: ddl}}, autogen.Options{})
		if err == nil || !strings.Contains(err.Error(), "outside the scratch schema") {
			t.Errorf("%s: want an error about leaving the scratch schema, got %v", ddl, err)
		}
	}
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'retort_scratch_%'`).Scan(&n); err != nil || n != 0 {
		t.Errorf("scratch schemas left: %d (%v)", n, err)
	}
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM information_schema.columns WHERE table_name = 'keep'`).Scan(&n); err != nil || n != 1 {
		t.Errorf("live table changed: %d columns (%v)", n, err)
	}
}

// TestPlanFromScripts: replaying the revisions' upgrade SQL gives the current state, so
// the next revision holds only what is new, with no live database.
func TestPlanFromScripts(t *testing.T) {
	revisions := []dialect.Script{
		{Name: "versions/1_create.sql", SQL: "CREATE TABLE account (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(30) NOT NULL);", FirstLine: 10},
		{Name: "versions/2_email.sql", SQL: "ALTER TABLE account ADD COLUMN email VARCHAR(100);", FirstLine: 10},
	}
	desired := []dialect.Script{{Name: "models.sql", SQL: "CREATE TABLE account (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(30) NOT NULL, email VARCHAR(100), active BOOLEAN);"}}
	want := map[string]string{
		"sqlite":     "ALTER TABLE account ADD COLUMN active BOOLEAN;\n",
		"postgresql": "ALTER TABLE account ADD COLUMN active boolean;\n",
		"mysql":      "ALTER TABLE account ADD COLUMN active tinyint(1);\n",
	}
	for _, d := range dialects {
		t.Run(d, func(t *testing.T) {
			ins := inspector(t, d)
			host := autogen.OpenTestDB(t, d) // PostgreSQL needs a server for the scratch schemas; it stays empty
			res, err := autogen.PlanFromScripts(context.Background(), ins, host, revisions, desired, autogen.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if res.Upgrade != want[autogen.CaseDialect(d)] {
				t.Errorf("upgrade %q, want %q", res.Upgrade, want[autogen.CaseDialect(d)])
			}
			broken := append(revisions[:1:1], dialect.Script{Name: "versions/2_email.sql", SQL: "ALTER TABLE nowhere ADD COLUMN x INTEGER;", FirstLine: 10})
			_, err = autogen.PlanFromScripts(context.Background(), ins, host, broken, desired, autogen.Options{})
			if err == nil || !strings.Contains(err.Error(), "versions/2_email.sql:10: ") {
				t.Errorf("want an error naming versions/2_email.sql:10, got %v", err)
			}
		})
	}
}

// TestIncludeSchemasWithDevDatabase: several PostgreSQL schemas are compared, and the
// desired DDL, which names them, runs in a dev database (dev_url).
func TestIncludeSchemasWithDevDatabase(t *testing.T) {
	ctx := context.Background()
	ins, _ := autogen.LookupAutogen("postgresql")
	live, dev := autogen.OpenTestDB(t, "postgresql"), autogen.OpenTestDB(t, "postgresql")
	apply(t, live, "live", `CREATE SCHEMA billing;
CREATE TABLE customer (id INTEGER PRIMARY KEY);
CREATE TABLE billing.invoice (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customer (id));
CREATE TABLE billing.tmp_import (id INTEGER);`, true)
	desired := `CREATE SCHEMA billing;
CREATE TABLE customer (id INTEGER PRIMARY KEY);
CREATE TABLE billing.invoice (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customer (id), total NUMERIC(10, 2));
CREATE TYPE billing.state AS ENUM ('draft', 'sent');`
	opts := autogen.Options{
		Inspect: dialect.InspectOptions{Schemas: []string{"public", "billing"}, Exclude: []string{"tmp_*"}},
		DevDB:   dev,
	}
	res, err := autogen.Plan(ctx, ins, live, []dialect.Script{{Name: "to.sql", SQL: desired}}, opts)
	if err != nil {
		t.Fatal(err)
	}
	want := "CREATE TYPE billing.state AS ENUM ('draft', 'sent');\n\nALTER TABLE billing.invoice ADD COLUMN total numeric(10,2);\n"
	if res.Upgrade != want {
		t.Errorf("upgrade:\n%s\nwant:\n%s", res.Upgrade, want)
	}
	var n int
	if err := dev.QueryRowContext(ctx, "SELECT count(*) FROM pg_namespace WHERE nspname = 'billing'").Scan(&n); err != nil || n != 0 {
		t.Errorf("dev database kept the desired schema: %d (%v)", n, err)
	}
}

// TestUnsupportedPostgresObjects: functions, triggers and standalone sequences are named
// when they differ, and equal ones are not (though the desired side lives in a scratch
// schema whose name appears in function and trigger definitions).
func TestUnsupportedPostgresObjects(t *testing.T) {
	common := `CREATE TABLE t (id SERIAL PRIMARY KEY, n INTEGER);
CREATE FUNCTION same() RETURNS integer LANGUAGE sql AS $$ SELECT 1 $$;
CREATE FUNCTION bump() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.n := NEW.n + 1; RETURN NEW; END $$;
CREATE TRIGGER t_bump BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION bump();
`
	live := common + `CREATE SEQUENCE counter START 1;
CREATE FUNCTION changed() RETURNS integer LANGUAGE sql AS $$ SELECT 1 $$;`
	desired := common + `CREATE SEQUENCE counter START 100;
CREATE FUNCTION changed() RETURNS integer LANGUAGE sql AS $$ SELECT 2 $$;`
	ins, _ := autogen.LookupAutogen("postgresql")
	db := autogen.OpenTestDB(t, "postgresql")
	apply(t, db, "live", live, true)
	res := plan(t, ins, db, desired)
	want := []string{
		"function changed() differs between the desired schema and the database; autogenerate does not alter functions, write it by hand",
		"sequence counter differs between the desired schema and the database; autogenerate does not alter sequences, write it by hand",
	}
	if !res.Empty || strings.Join(res.Unsupported, "\n") != strings.Join(want, "\n") {
		t.Errorf("empty %v, unsupported:\n%s", res.Empty, strings.Join(res.Unsupported, "\n"))
	}
}

// TestIncludeSchemasNeedsDevDatabase: without dev_url only the current schema can be
// built in the throwaway schema; asking for more is an error, not a plan dropping them.
func TestIncludeSchemasNeedsDevDatabase(t *testing.T) {
	ins, _ := autogen.LookupAutogen("postgresql")
	db := autogen.OpenTestDB(t, "postgresql")
	opts := autogen.Options{Inspect: dialect.InspectOptions{Schemas: []string{"public", "billing"}}}
	_, err := autogen.Plan(context.Background(), ins, db, []dialect.Script{{Name: "to.sql", SQL: "CREATE TABLE t (id INTEGER)"}}, opts)
	if err == nil || !strings.Contains(err.Error(), "comparing schema billing besides the current schema public needs a dev database: set dev_url") {
		t.Errorf("got %v", err)
	}
}

// TestSQLiteRebuildFailsOnForeignKeyViolation: a rebuild that adds a foreign key the rows
// break must fail when run (as the runner runs it: plain Exec), not pass silently.
func TestSQLiteRebuildFailsOnForeignKeyViolation(t *testing.T) {
	ins, _ := autogen.LookupAutogen("sqlite")
	db := autogen.OpenTestDB(t, "sqlite")
	apply(t, db, "live", `CREATE TABLE p (id INTEGER PRIMARY KEY);
CREATE TABLE c (id INTEGER PRIMARY KEY, pid INTEGER);
INSERT INTO c VALUES (1, 5);`, true)
	res := plan(t, ins, db, `CREATE TABLE p (id INTEGER PRIMARY KEY);
CREATE TABLE c (id INTEGER PRIMARY KEY, pid INTEGER REFERENCES p (id));`)
	stmts, err := sqlscript.Split(res.Upgrade, 1)
	if err != nil {
		t.Fatal(err)
	}
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	for _, st := range stmts {
		if _, err = tx.Exec(st.SQL); err != nil {
			break
		}
	}
	if err == nil || !strings.Contains(err.Error(), "foreign_key_violations_in_c") {
		t.Fatalf("want the rebuild to fail on the orphan row, got %v\n%s", err, res.Upgrade)
	}
}
