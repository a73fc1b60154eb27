package runner

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/graph"
	"github.com/retort-dev/retort/internal/testdb"
	"github.com/retort-dev/retort/sqlscript"
	"github.com/retort-dev/retort/versions"
)

// newURL returns a fresh database of the dialect (testdb.Open).
func newURL(t testing.TB, name string) string { return testdb.Open(t, name) }

func forEachDialect(t *testing.T, fn func(t *testing.T, url string)) {
	for _, name := range dialect.Names() {
		t.Run(name, func(t *testing.T) { fn(t, newURL(t, name)) })
	}
}

func open(t testing.TB, url string) (*sql.DB, dialect.Dialect) {
	t.Helper()
	db, d, err := dialect.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, d
}

// state is what a test checks after a run: the version rows (nil when the table is
// missing) and which of the given tables exist.
func state(t *testing.T, url string, tb versions.Table, tables ...string) (rows []string, exists map[string]bool, hasVersion bool) {
	t.Helper()
	db, d := open(t, url)
	ctx := context.Background()
	rows, err := versions.Read(ctx, db, d, tb)
	if err != nil {
		t.Fatal(err)
	}
	exists = map[string]bool{}
	for _, name := range tables {
		if exists[name], err = d.HasTable(ctx, db, "", name); err != nil {
			t.Fatal(err)
		}
	}
	hasVersion, err = d.HasTable(ctx, db, tb.Schema, "alembic_version")
	if err != nil {
		t.Fatal(err)
	}
	return rows, exists, hasVersion
}

// writeRevision writes a body file into dir and returns a migration for it.
func writeRevision(t *testing.T, dir, id, down, body string, transactional bool) Migration {
	t.Helper()
	path := filepath.Join(dir, id+".sql")
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	m := upMigration(chainRev{id: id, down: down, doc: "rev " + id, transactional: transactional})
	m.Path = path
	m.Statements = fileStatements(path)
	return m
}

func TestRunUpgradeDowngrade(t *testing.T) {
	forEachDialect(t, func(t *testing.T, url string) {
		chain := loadChain(t)
		var log bytes.Buffer
		opts := Options{URL: url, Log: &log}
		if err := Run(context.Background(), opts, chainPlan(chain)); err != nil {
			t.Fatal(err)
		}
		d, err := dialect.ForURL(url)
		if err != nil {
			t.Fatal(err)
		}
		ddl := "non-transactional"
		if d.TransactionalDDL() {
			ddl = "transactional"
		}
		want := "INFO  [alembic.runtime.migration] Context impl " + d.ImplName() + ".\n" +
			"INFO  [alembic.runtime.migration] Will assume " + ddl + " DDL.\n" +
			"INFO  [alembic.runtime.migration] Running upgrade  -> 1975ea83b712, create account table\n" +
			"INFO  [alembic.runtime.migration] Running upgrade 1975ea83b712 -> ae1027a6acf, Add a column\n" +
			"INFO  [alembic.runtime.migration] Running upgrade ae1027a6acf -> 27c6a30d7c24, view of account names\n" +
			"WARNI [alembic.runtime.migration] Revision 27c6a30d7c24 is transactional: false; running its statements outside a transaction.\n"
		if log.String() != want {
			t.Errorf("log:\n%s\nwant:\n%s", log.String(), want)
		}
		rows, exists, _ := state(t, url, versions.Table{}, "account")
		if !reflect.DeepEqual(rows, []string{"27c6a30d7c24"}) || !exists["account"] {
			t.Fatalf("after upgrade: rows %v, tables %v", rows, exists)
		}

		// A second run re-plans from the rows and has nothing to do.
		log.Reset()
		if err := Run(context.Background(), opts, chainPlan(chain)); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(log.String(), "Running") {
			t.Errorf("second run ran something:\n%s", log.String())
		}

		down := []Migration{downMigration(chain[2]), downMigration(chain[1]), downMigration(chain[0])}
		err = Run(context.Background(), opts, func(rows []string) ([]Migration, error) {
			if !reflect.DeepEqual(rows, []string{"27c6a30d7c24"}) {
				return nil, fmt.Errorf("plan got rows %v", rows)
			}
			return down, nil
		})
		if err != nil {
			t.Fatal(err)
		}
		rows, exists, hasVersion := state(t, url, versions.Table{}, "account")
		if len(rows) != 0 || exists["account"] || !hasVersion {
			t.Errorf("after downgrade: rows %v, tables %v, version table %v", rows, exists, hasVersion)
		}
	})
}

// TestFailureRollsBack runs two good revisions and a third whose third statement fails.
func TestFailureRollsBack(t *testing.T) {
	for _, tc := range []struct {
		dialect string
		perMig  bool
		// what survives: the version rows and whether the first revision's table does
		rows       []string
		keepsFirst bool
	}{
		{"sqlite", false, []string{"b"}, true},
		{"postgresql", false, nil, false},
		{"postgresql", true, []string{"b"}, true},
		{"mysql", false, []string{"b"}, true},
		{"mariadb", true, []string{"b"}, true},
	} {
		t.Run(fmt.Sprintf("%s/per_migration=%v", tc.dialect, tc.perMig), func(t *testing.T) {
			url := newURL(t, tc.dialect)
			dir := t.TempDir()
			plan := []Migration{
				writeRevision(t, dir, "a", "", "CREATE TABLE first (x int);", true),
				writeRevision(t, dir, "b", "a", "CREATE TABLE second (x int);", true),
				writeRevision(t, dir, "c", "b", "CREATE TABLE third (x int);\nINSERT INTO third VALUES (1);\n\n"+
					"INSERT INTO\tmissing_table (x, y, z) VALUES (1, 2, 3), (4, 5, 6), (7, 8, 9), (10, 11, 12), (13, 14, 15);", true),
			}
			err := Run(context.Background(), Options{URL: url, TransactionPerMigration: tc.perMig},
				func([]string) ([]Migration, error) { return plan, nil })
			var se *StatementError
			if !errors.As(err, &se) {
				t.Fatalf("Run = %v, want a StatementError", err)
			}
			msg := err.Error()
			prefix := filepath.Join(dir, "c.sql") + `:4: statement "INSERT INTO missing_table (x, y, z) VALUES (1, 2, 3), (4, 5, 6), (7, 8, 9), (10,..." failed: `
			if !strings.HasPrefix(msg, prefix) || !strings.Contains(msg, "missing_table") || strings.Contains(msg, "\n") {
				t.Errorf("error:\n%s\nwant prefix:\n%s", msg, prefix)
			}
			// Where the server commits DDL by itself (MySQL), c's CREATE TABLE stayed, and
			// the error says so; c's INSERT was rolled back with its version row.
			d, _ := dialect.ForURL(url)
			_, partial := d.(dialect.PartialCommitter)
			if want := (&Partial{Revision: "c", Committed: []sqlscript.Statement{{SQL: "CREATE TABLE third (x int)"}}, Rows: []string{"b"}}).String(); partial &&
				(se.Partial == nil || !strings.HasSuffix(msg, "; "+want)) {
				t.Errorf("error:\n%s\nwant it to end with:\n%s", msg, want)
			}
			rows, exists, hasVersion := state(t, url, versions.Table{}, "first", "second", "third")
			if !reflect.DeepEqual(rows, tc.rows) || exists["first"] != tc.keepsFirst || exists["second"] != tc.keepsFirst || exists["third"] != partial {
				t.Errorf("after failure: rows %v, tables %v", rows, exists)
			}
			if partial {
				db, _ := open(t, url)
				var n int
				if err := db.QueryRow("SELECT count(*) FROM third").Scan(&n); err != nil || n != 0 {
					t.Errorf("third holds %d rows (%v); its INSERT must roll back with the version row", n, err)
				}
			}
			if hasVersion != tc.keepsFirst {
				t.Errorf("version table exists = %v, want %v", hasVersion, tc.keepsFirst)
			}
		})
	}
}

// TestVersionRowFailureNamesCommitted: where the server commits DDL by itself, a
// revision whose version-row change fails after its statements ran says which of them
// stayed; the statements after its last DDL were rolled back with it.
func TestVersionRowFailureNamesCommitted(t *testing.T) {
	for _, name := range dialect.Names() {
		d, err := dialect.Lookup(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := d.(dialect.PartialCommitter); !ok {
			continue
		}
		t.Run(name, func(t *testing.T) {
			url := newURL(t, name)
			dir := t.TempDir()
			m := writeRevision(t, dir, "a", "", "CREATE TABLE t1 (x int);\nINSERT INTO t1 VALUES (1);", true)
			m.Ops = []graph.VersionOp{{Kind: graph.Update, From: "zzz", To: "a"}} // no such row
			err := Run(context.Background(), Options{URL: url}, func([]string) ([]Migration, error) { return []Migration{m}, nil })
			var rc *versions.RowCountError
			want := `; the server had already committed statement 1 of revision a (DDL commits implicitly): 1 "CREATE TABLE t1 (x int)"; alembic_version has no row for it`
			if !errors.As(err, &rc) || !strings.HasSuffix(err.Error(), want) {
				t.Fatalf("Run = %v\nwant a RowCountError ending %q", err, want)
			}
			db, _ := open(t, url)
			var n int
			if err := db.QueryRow("SELECT count(*) FROM t1").Scan(&n); err != nil || n != 0 {
				t.Errorf("t1 holds %d rows (%v); the INSERT must roll back with the version row", n, err)
			}
		})
	}
}

// TestTransactionalFalse: on PostgreSQL a transactional: false revision runs outside the
// command's transaction (CREATE INDEX CONCURRENTLY would fail inside one), and what ran
// before it is committed even when a later revision fails, as with Alembic's
// autocommit_block.
func TestTransactionalFalse(t *testing.T) {
	url := newURL(t, "postgresql")
	dir := t.TempDir()
	plan := []Migration{
		writeRevision(t, dir, "a", "", "CREATE TABLE first (x int);", true),
		writeRevision(t, dir, "b", "a", "CREATE INDEX CONCURRENTLY ix_first ON first (x);", false),
		writeRevision(t, dir, "c", "b", "CREATE TABLE third (x int);\nSELECT * FROM missing;", true),
	}
	var log bytes.Buffer
	err := Run(context.Background(), Options{URL: url, Log: &log}, func([]string) ([]Migration, error) { return plan, nil })
	var se *StatementError
	if !errors.As(err, &se) || se.Line != 2 {
		t.Fatalf("Run = %v, want the failure of c.sql line 2", err)
	}
	if !strings.Contains(log.String(), "WARNI [alembic.runtime.migration] Revision b is transactional: false") {
		t.Errorf("no warning in log:\n%s", log.String())
	}
	rows, exists, _ := state(t, url, versions.Table{}, "first", "third")
	// b's version row went into the transaction that c's failure rolled back.
	if !reflect.DeepEqual(rows, []string{"a"}) || !exists["first"] || exists["third"] {
		t.Errorf("rows %v, tables %v", rows, exists)
	}
	db, _ := open(t, url)
	var n int
	if err := db.QueryRow("SELECT count(*) FROM pg_indexes WHERE indexname = 'ix_first'").Scan(&n); err != nil || n != 1 {
		t.Errorf("index from the non-transactional revision: %d, %v", n, err)
	}
}

func TestVersionTableOptionsAndExistingDB(t *testing.T) {
	url := newURL(t, "postgresql")
	db, _ := open(t, url)
	if _, err := db.Exec("CREATE SCHEMA s1"); err != nil {
		t.Fatal(err)
	}
	tb := versions.Table{Name: "my_version", Schema: "s1"}
	chain := loadChain(t)[:2]
	opts := Options{DB: db, Table: tb, TransactionPerMigration: true}
	if err := Run(context.Background(), opts, chainPlan(chain)); err != nil {
		t.Fatal(err)
	}
	rows, err := Current(context.Background(), opts)
	if err != nil || !reflect.DeepEqual(rows, []string{"ae1027a6acf"}) {
		t.Errorf("Current = %v, %v", rows, err)
	}
	if err := db.Ping(); err != nil {
		t.Errorf("the caller's DB was closed: %v", err)
	}
}

func TestCurrentAndEnsureVersion(t *testing.T) {
	forEachDialect(t, func(t *testing.T, url string) {
		ctx := context.Background()
		rows, err := Current(ctx, Options{URL: url})
		if err != nil || rows != nil {
			t.Fatalf("Current on an empty database = %v, %v", rows, err)
		}
		if _, _, has := state(t, url, versions.Table{}); has {
			t.Fatal("Current created the version table")
		}
		if err := Run(ctx, Options{URL: url}, func([]string) ([]Migration, error) { return nil, nil }); err != nil {
			t.Fatal(err)
		}
		if _, _, has := state(t, url, versions.Table{}); !has {
			t.Fatal("ensure_version did not create the version table")
		}
	})
}

func TestPlanErrorLeavesDatabaseAlone(t *testing.T) {
	url := newURL(t, "postgresql")
	want := errors.New("Multiple heads are present")
	err := Run(context.Background(), Options{URL: url}, func([]string) ([]Migration, error) { return nil, want })
	if !errors.Is(err, want) {
		t.Fatalf("Run = %v", err)
	}
	if _, _, has := state(t, url, versions.Table{}); has {
		t.Error("the version table was created by a run whose plan failed")
	}
}

func TestStampAndPurge(t *testing.T) {
	forEachDialect(t, func(t *testing.T, url string) {
		ctx := context.Background()
		stamp := func(purge bool, ops ...graph.VersionOp) []string {
			var got []string
			err := Run(ctx, Options{URL: url, Purge: purge}, func(rows []string) ([]Migration, error) {
				got = rows
				return []Migration{{Step: graph.Step{Stamp: true, Up: true, To: []string{"x"}}, Ops: ops}}, nil
			})
			if err != nil {
				t.Fatal(err)
			}
			return got
		}
		stamp(false, graph.VersionOp{Kind: graph.Insert, To: "a"}, graph.VersionOp{Kind: graph.Insert, To: "b"})
		if seen := stamp(true, graph.VersionOp{Kind: graph.Insert, To: "c"}); len(seen) != 0 {
			t.Errorf("purge: plan saw rows %v", seen)
		}
		rows, _, _ := state(t, url, versions.Table{})
		if !reflect.DeepEqual(rows, []string{"c"}) {
			t.Errorf("rows %v, want [c]", rows)
		}
		// A stale plan (the row is not there) fails with Alembic's message and changes nothing.
		err := Run(ctx, Options{URL: url}, func([]string) ([]Migration, error) {
			return []Migration{{Step: graph.Step{Stamp: true}, Ops: []graph.VersionOp{
				{Kind: graph.Insert, To: "d"}, {Kind: graph.Update, From: "zzz", To: "e"}}}}, nil
		})
		if err == nil || err.Error() != "Online migration expected to match one row when updating 'zzz' to 'e' in 'alembic_version'; 0 found" {
			t.Errorf("Run = %v", err)
		}
		if rows, _, _ := state(t, url, versions.Table{}); !reflect.DeepEqual(rows, []string{"c"}) {
			t.Errorf("rows %v after a failed stamp, want [c]", rows)
		}
	})
}

func TestLockTimeout(t *testing.T) {
	forEachDialect(t, func(t *testing.T, url string) {
		ctx := context.Background()
		db, d := open(t, url)
		conn, err := db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		release, err := d.Lock(ctx, conn, "alembic_version", time.Second)
		if err != nil {
			t.Fatal(err)
		}
		defer release()
		called := false
		err = Run(ctx, Options{URL: url, LockTimeout: 200 * time.Millisecond}, func([]string) ([]Migration, error) {
			called = true
			return nil, nil
		})
		var lt *dialect.LockTimeoutError
		if !errors.As(err, &lt) || called {
			t.Errorf("Run = %v (plan called: %v), want a lock timeout before planning", err, called)
		}
	})
}

// TestConcurrentRuns: eight deploys, each with its own pool, run the same plan function;
// every revision is applied exactly once and every run succeeds.
func TestConcurrentRuns(t *testing.T) {
	forEachDialect(t, func(t *testing.T, url string) {
		const revisions, runners = 12, 8
		var applied [revisions]atomic.Int32
		var chainRevs []chainRev
		for i := range revisions {
			r := chainRev{id: fmt.Sprintf("r%02d", i), doc: "create t", transactional: true}
			if i > 0 {
				r.down = chainRevs[i-1].id
			}
			chainRevs = append(chainRevs, r)
		}
		plan := func(rows []string) ([]Migration, error) {
			migs, err := chainPlan(chainRevs)(rows)
			for k := range migs {
				i := revisions - len(migs) + k
				migs[k].Statements = func(context.Context, dialect.Dialect, dialect.Querier) ([]sqlscript.Statement, error) {
					applied[i].Add(1)
					time.Sleep(5 * time.Millisecond) // widen the window a missing lock would open
					return sqlscript.Split(fmt.Sprintf("CREATE TABLE t_%d (id int);\nINSERT INTO t_%d VALUES (%d);", i, i, i), 1)
				}
			}
			return migs, err
		}
		var wg, ready sync.WaitGroup
		start := make(chan struct{}) // all runs start together, after their pools connect
		errs := make(chan error, runners)
		for range runners {
			wg.Add(1)
			ready.Add(1)
			go func() {
				defer wg.Done()
				db, _ := open(t, url)
				ready.Done()
				<-start
				errs <- Run(context.Background(), Options{DB: db, LockTimeout: time.Minute}, plan)
			}()
		}
		ready.Wait()
		close(start)
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Error(err)
			}
		}
		for i := range applied {
			if n := applied[i].Load(); n != 1 {
				t.Errorf("revision %d applied %d times", i, n)
			}
		}
		rows, _, _ := state(t, url, versions.Table{})
		if !reflect.DeepEqual(rows, []string{chainRevs[revisions-1].id}) {
			t.Errorf("rows %v", rows)
		}
	})
}

func TestSyntaxErrorNamesFile(t *testing.T) {
	dir := t.TempDir()
	m := writeRevision(t, dir, "a", "", "SELECT 1;\nSELECT 'oops;\n", true)
	want := filepath.Join(dir, "a.sql") + ": line 2: unterminated quoted string"
	err := Run(context.Background(), Options{URL: newURL(t, "sqlite")}, func([]string) ([]Migration, error) {
		return []Migration{m}, nil
	})
	if err == nil || err.Error() != want {
		t.Errorf("Run = %v, want %q", err, want)
	}
	err = Offline(context.Background(), io.Discard, Options{URL: "sqlite://"}, nil, []Migration{m})
	if err == nil || err.Error() != want {
		t.Errorf("Offline = %v, want %q", err, want)
	}
}

// TestInMemory: an in-memory SQLite database lives on one connection, which the run
// must share with its lock and transactions without deadlocking.
func TestInMemory(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	db, _ := open(t, "sqlite://")
	opts := Options{DB: db}
	if err := Run(ctx, opts, chainPlan(loadChain(t))); err != nil {
		t.Fatal(err)
	}
	rows, err := Current(ctx, opts)
	if err != nil || !reflect.DeepEqual(rows, []string{"27c6a30d7c24"}) {
		t.Errorf("Current = %v, %v", rows, err)
	}
}

// TestUpToDateNeedsNoLock: a run with nothing to do for the committed rows answers without
// waiting for the lock another deploy holds; one with work waits (here: times out) and
// plans again under the lock.
func TestUpToDateNeedsNoLock(t *testing.T) {
	forEachDialect(t, func(t *testing.T, url string) {
		ctx := context.Background()
		db, d := open(t, url)
		if _, err := db.Exec("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec("INSERT INTO alembic_version (version_num) VALUES ('a1')"); err != nil {
			t.Fatal(err)
		}
		conn, err := db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		release, err := d.Lock(ctx, conn, "alembic_version", time.Second)
		if err != nil {
			t.Fatal(err)
		}
		defer release()
		opts := Options{URL: url, LockTimeout: 200 * time.Millisecond}
		var seen [][]string
		nothing := func(rows []string) ([]Migration, error) { seen = append(seen, rows); return nil, nil }
		if err := Run(ctx, opts, nothing); err != nil || len(seen) != 1 || !slices.Equal(seen[0], []string{"a1"}) {
			t.Fatalf("up to date: Run = %v, plans %v; want nil after one plan for [a1]", err, seen)
		}
		work := func([]string) ([]Migration, error) {
			return []Migration{{Step: graph.Step{Revision: "b1", Up: true}, Transactional: true}}, nil
		}
		var lt *dialect.LockTimeoutError
		if err := Run(ctx, opts, work); !errors.As(err, &lt) {
			t.Fatalf("with work to do: Run = %v, want a lock timeout", err)
		}
	})
}

// TestUnreadableBodyKeepsEarlier: a revision whose body cannot be read (a lexer error)
// fails like one whose statement fails: on SQLite the revisions before it stay applied,
// on PostgreSQL (one transaction for the command) nothing does.
func TestUnreadableBodyKeepsEarlier(t *testing.T) {
	for _, tc := range []struct {
		dialect string
		rows    []string
	}{{"sqlite", []string{"a"}}, {"postgresql", nil}} {
		t.Run(tc.dialect, func(t *testing.T) {
			url := newURL(t, tc.dialect)
			dir := t.TempDir()
			plan := []Migration{
				writeRevision(t, dir, "a", "", "CREATE TABLE first (x int);", true),
				writeRevision(t, dir, "b", "a", "CREATE TABLE second (x int);\nSELECT 'oops;\n", true),
			}
			err := Run(context.Background(), Options{URL: url}, func([]string) ([]Migration, error) { return plan, nil })
			if want := filepath.Join(dir, "b.sql") + ": line 2: unterminated quoted string"; err == nil || err.Error() != want {
				t.Fatalf("Run = %v, want %q", err, want)
			}
			rows, exists, _ := state(t, url, versions.Table{}, "first", "second")
			if !reflect.DeepEqual(rows, tc.rows) || exists["first"] != (tc.rows != nil) || exists["second"] {
				t.Errorf("after failure: rows %v, tables %v", rows, exists)
			}
		})
	}
}

// TestDDLLine: "Will assume (non-)transactional DDL." follows the run's transaction policy:
// SQLite online runs in a transaction, its --sql prints none.
func TestDDLLine(t *testing.T) {
	for _, tt := range []struct {
		dialect string
		offline bool
		want    string
	}{
		{"sqlite", false, "Will assume transactional DDL."},
		{"sqlite", true, "Will assume non-transactional DDL."},
		{"postgresql", false, "Will assume transactional DDL."},
		{"postgresql", true, "Will assume transactional DDL."},
	} {
		d, err := dialect.Lookup(tt.dialect)
		if err != nil {
			t.Fatal(err)
		}
		var log bytes.Buffer
		logger{&log}.contextLines(d, false, tt.offline)
		if !strings.Contains(log.String(), "] "+tt.want+"\n") {
			t.Errorf("%s offline=%v:\n%s\nwant %q", tt.dialect, tt.offline, log.String(), tt.want)
		}
	}
}
