package mysql

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/internal/testdb"
)

// testOpen opens a fresh database on the MySQL/MariaDB test server.
func testOpen(t *testing.T) *sql.DB {
	t.Helper()
	u, err := dialect.ParseURL(testdb.MySQL(t))
	if err != nil {
		t.Fatal(err)
	}
	db, err := Dialect{}.Open(context.Background(), u)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func testConn(t *testing.T, db *sql.DB) *sql.Conn {
	t.Helper()
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}

func mustExec(t *testing.T, q dialect.Querier, stmts ...string) {
	t.Helper()
	for _, s := range stmts {
		if _, err := q.ExecContext(context.Background(), s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

func count(t *testing.T, db *sql.DB, query string) int {
	t.Helper()
	var n int
	if err := db.QueryRow(query).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// TestCommittedMatchesServer checks Committed, the account a failure message gives of
// what MySQL already committed, against the server itself: in a revision transaction a
// row is inserted, then the statement runs (succeeding or failing), then the transaction
// is rolled back; the row stays exactly when Committed says the insert was committed.
func TestCommittedMatchesServer(t *testing.T) {
	db := testOpen(t)
	mustExec(t, db, "CREATE TABLE marker (id INTEGER)", "CREATE TABLE existing (id INTEGER, a INTEGER)")
	stmts := []string{
		"CREATE TABLE t1 (id INTEGER)",
		"create table t2 (id integer)",
		"-- a comment first\nCREATE TABLE t3 (id INTEGER)",
		"CREATE TEMPORARY TABLE tmp1 (id INTEGER)",
		"CREATE OR REPLACE TEMPORARY TABLE tmp2 (id INTEGER)",
		"DROP TEMPORARY TABLE IF EXISTS tmp_none",
		"CREATE INDEX ix_a ON existing (a)",
		"ALTER TABLE existing ADD COLUMN b INTEGER",
		"RENAME TABLE t1 TO t1b",
		"TRUNCATE TABLE t2",
		"CREATE VIEW v1 AS SELECT 1 AS x",
		"CREATE OR REPLACE VIEW v1 AS SELECT 2 AS x",
		"DROP VIEW v1",
		"CREATE PROCEDURE p1() BEGIN SELECT 1; END",
		"DROP PROCEDURE p1",
		"CREATE SEQUENCE s1",
		"/*!50003 CREATE*/ /*!50003 TRIGGER trg BEFORE INSERT ON existing FOR EACH ROW SET @a = 1 */",
		"/*!40101 SET @saved = @@sql_mode */",
		"ANALYZE TABLE existing",
		"DROP TABLE t3",
		"INSERT INTO existing (id) VALUES (1)",
		"UPDATE existing SET a = 2",
		"DELETE FROM existing WHERE id = 5",
		"SELECT 1",
		"SET @x = 1",
		"DO 1",
		// Failing statements: DDL that the server parsed commits first; a parse error does not.
		"CREATE TABLE existing (id INTEGER)",
		"ALTER TABLE no_such_table ADD COLUMN c INTEGER",
		"DROP TABLE no_such_table",
		"CREATEE TABLE t9 (id INTEGER)",
		"CREATE TABLE t9 (id INTEGER",
		"INSERT INTO no_such_table VALUES (1)",
	}
	ctx := context.Background()
	conn := testConn(t, db)
	var d Dialect
	for _, s := range stmts {
		mustExec(t, db, "DELETE FROM marker")
		tx, err := d.BeginRevision(ctx, conn)
		if err != nil {
			t.Fatal(err)
		}
		mustExec(t, tx, "INSERT INTO marker VALUES (1)")
		_, serr := tx.ExecContext(ctx, s)
		if err := tx.Rollback(); err != nil {
			t.Fatal(err)
		}
		kept := count(t, db, "SELECT count(*) FROM marker") == 1
		if got := d.Committed([]string{"INSERT INTO marker VALUES (1)", s}, 1, serr) == 1; got != kept {
			t.Errorf("%q (error: %v): Committed says the insert before it committed: %v; the server kept it: %v", s, serr, got, kept)
		}
		if count(t, db, "SELECT @@autocommit") != 1 {
			t.Fatalf("autocommit still off after %q", s)
		}
	}
}

// TestRevisionTx: the statements after a revision's last DDL commit with the version
// row or roll back with it; the DDL and what came before it stay either way.
func TestRevisionTx(t *testing.T) {
	db := testOpen(t)
	ctx := context.Background()
	conn := testConn(t, db)
	var d Dialect
	for _, commit := range []bool{false, true} {
		mustExec(t, db, "DROP TABLE IF EXISTS a", "DROP TABLE IF EXISTS b")
		tx, err := d.BeginRevision(ctx, conn)
		if err != nil {
			t.Fatal(err)
		}
		mustExec(t, tx, "CREATE TABLE a (id INTEGER)", "INSERT INTO a VALUES (1)",
			"CREATE TABLE b (id INTEGER)", "INSERT INTO b VALUES (1)", "INSERT INTO a VALUES (2)")
		if commit {
			err = tx.Commit()
		} else {
			err = tx.Rollback()
		}
		if err != nil {
			t.Fatal(err)
		}
		wantA, wantB := 1, 0 // the first insert was committed by CREATE TABLE b
		if commit {
			wantA, wantB = 2, 1
		}
		if a, b := count(t, db, "SELECT count(*) FROM a"), count(t, db, "SELECT count(*) FROM b"); a != wantA || b != wantB {
			t.Errorf("commit=%v: rows a=%d b=%d, want a=%d b=%d", commit, a, b, wantA, wantB)
		}
		if err := tx.Commit(); !errors.Is(err, sql.ErrTxDone) {
			t.Errorf("second end: %v", err)
		}
		var ac int
		if err := conn.QueryRowContext(ctx, "SELECT @@autocommit").Scan(&ac); err != nil || ac != 1 {
			t.Errorf("commit=%v: autocommit %d (%v) after the revision", commit, ac, err)
		}
	}
}

// TestLock: a second session waits for the lock and gives up at its timeout; the lock is
// released at the end, and goes with the session of a run that dies.
func TestLock(t *testing.T) {
	db := testOpen(t)
	ctx := context.Background()
	var d Dialect
	holder, waiter := testConn(t, db), testConn(t, db)
	release, err := d.Lock(ctx, holder, "alembic_version", time.Second)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = d.Lock(ctx, waiter, "alembic_version", 200*time.Millisecond)
	var lte *dialect.LockTimeoutError
	if !errors.As(err, &lte) {
		t.Fatalf("second lock: %v, want a timeout", err)
	}
	if took := time.Since(start); took < 200*time.Millisecond || took > 2*time.Second {
		t.Errorf("gave up after %v", took)
	}
	// Another version table is another lock.
	if rel, err := d.Lock(ctx, waiter, "other_version", 200*time.Millisecond); err != nil {
		t.Errorf("lock on another table: %v", err)
	} else {
		rel()
	}
	// A waiter without a timeout gets the lock as soon as the holder releases it.
	got := make(chan error, 1)
	go func() {
		rel, err := d.Lock(ctx, waiter, "alembic_version", 0)
		if err == nil {
			err = rel()
		}
		got <- err
	}()
	time.Sleep(100 * time.Millisecond)
	if err := release(); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-got:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the waiter did not get the released lock")
	}
	// A session that ends (a killed run) leaves no lock behind.
	dying := testConn(t, db)
	if _, err := d.Lock(ctx, dying, "alembic_version", time.Second); err != nil {
		t.Fatal(err)
	}
	var id int64
	if err := dying.QueryRowContext(ctx, "SELECT CONNECTION_ID()").Scan(&id); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("KILL ?", id); err != nil {
		t.Fatal(err)
	}
	if rel, err := d.Lock(ctx, waiter, "alembic_version", 5*time.Second); err != nil {
		t.Errorf("lock after its holder's session was killed: %v", err)
	} else {
		rel()
	}
}

func TestHasTable(t *testing.T) {
	db := testOpen(t)
	ctx := context.Background()
	var d Dialect
	mustExec(t, db, "CREATE TABLE present (id INTEGER)", "CREATE VIEW seen AS SELECT 1 AS x")
	var dbName string
	if err := db.QueryRow("SELECT DATABASE()").Scan(&dbName); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		schema, table string
		want          bool
	}{
		{"", "present", true}, {"", "seen", true}, {"", "absent", false},
		{dbName, "present", true}, {"information_schema", "present", false},
	} {
		got, err := d.HasTable(ctx, db, tt.schema, tt.table)
		if err != nil || got != tt.want {
			t.Errorf("HasTable(%q, %q) = %v, %v; want %v", tt.schema, tt.table, got, err, tt.want)
		}
	}
}

// TestWaitBound: OpenWith bounds every connection's waits on other sessions' locks, and
// ExplainWait names the session holding them.
func TestWaitBound(t *testing.T) {
	raw := testdb.MySQL(t)
	u, err := dialect.ParseURL(raw)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var d Dialect
	db, err := d.OpenWith(ctx, u, dialect.OpenOptions{WaitBound: 1500 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var lw, iw int
	if err := db.QueryRow("SELECT @@lock_wait_timeout, @@innodb_lock_wait_timeout").Scan(&lw, &iw); err != nil || lw != 2 || iw != 2 {
		t.Fatalf("lock wait timeouts %d, %d (%v); want 2, 2 (whole seconds, rounded up)", lw, iw, err)
	}
	mustExec(t, db, "CREATE TABLE v (n INTEGER PRIMARY KEY)", "INSERT INTO v VALUES (1)")
	// Another session of the same database holds the row in an open transaction.
	holderDB, err := d.Open(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	defer holderDB.Close()
	holder, err := holderDB.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Rollback()
	var holderID int64
	if err := holder.QueryRow("SELECT CONNECTION_ID()").Scan(&holderID); err != nil {
		t.Fatal(err)
	}
	mustExec(t, holder, "UPDATE v SET n = 2")
	start := time.Now()
	_, err = db.Exec("UPDATE v SET n = 3")
	if took := time.Since(start); err == nil || took > 5*time.Second {
		t.Fatalf("UPDATE behind a held row lock: %v after %v; want error 1205 after about 2s", err, took)
	}
	why, ok := d.ExplainWait(ctx, db, u, err)
	if want := fmt.Sprintf("open transactions: id %d (user ", holderID); !ok || !strings.HasPrefix(why, want) {
		t.Errorf("ExplainWait = %q, %v; want it to start %q", why, ok, want)
	}
	if _, ok := d.ExplainWait(ctx, db, u, errors.New("other")); ok {
		t.Error("ExplainWait explains an error that is no lock wait")
	}
}
