package e2e

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/dialect/sqlite"
	"github.com/retort-dev/retort/internal/testdb"
)

// dbFailingChain is r0001..r0003 where the third statement of r0002 (line 11 of its
// file) fails.
func dbFailingChain() []dbRev {
	revs := dbChain(3, nil)
	revs[1].up = "CREATE TABLE tr0002 (id INTEGER PRIMARY KEY, v TEXT);\nINSERT INTO tr0002 (id, v) VALUES (1, 'r0002');\nINSERT INTO no_such_table (id) VALUES (1);"
	return revs
}

// TestDBFailure: a revision whose third statement fails leaves the database as it was
// before that revision (before the whole command on PostgreSQL, by default), the version
// table consistent, exit 1, and one FAILED line naming file, line and statement.
func TestDBFailure(t *testing.T) {
	tests := []struct {
		name      string
		ini       string
		from      string   // upgrade to this first ("" = empty database)
		wantRows  []string // nil: no version table
		wantTable []string
	}{
		{"from empty", "", "", nil, nil},
		{"from r0001", "", "r0001", []string{"r0001"}, []string{"alembic_version", "tr0001"}},
		{"transaction_per_migration from empty", "transaction_per_migration = true\n", "", []string{"r0001"}, []string{"alembic_version", "tr0001"}},
	}
	dbEach(t, func(t *testing.T, d dbTarget) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				dbExec(t, d, "DROP TABLE IF EXISTS alembic_version", "DROP TABLE IF EXISTS tr0001", "DROP TABLE IF EXISTS tr0002")
				dir := dbProject(t, d, dbFailingChain(), tt.ini)
				if tt.from != "" {
					dbRetort(t, dir, "upgrade", tt.from)
				}
				r := retort(t, dir, "upgrade", "head")
				path := filepath.Join(dir, "migrations", "versions", "0001_r0002.sql")
				lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
				last := lines[len(lines)-1]
				if r.code != 1 || !strings.HasPrefix(last, "FAILED: "+path+":11: ") || !strings.Contains(last, "INSERT INTO no_such_table (id) VALUES (1)") {
					t.Fatalf("exit %d, last line %q; want exit 1 and FAILED: %s:11: ... naming the statement", r.code, last, path)
				}
				wantRows, wantTables := tt.wantRows, tt.wantTable
				if dbPolicy(t, d.dialect, false, false) != dialect.TxPerCommand && tt.from == "" {
					// SQLite commits revision by revision: r0001 stays, as with Alembic.
					wantRows, wantTables = []string{"r0001"}, []string{"alembic_version", "tr0001"}
				}
				if dbPartialCommits(t, d.dialect) {
					// MySQL committed r0002's CREATE TABLE (see TestMySQLPartialFailure).
					wantTables = append(slices.Clone(wantTables), "tr0002")
				}
				if got := dbRows(t, d); !slices.Equal(got, wantRows) {
					t.Errorf("rows %v, want %v", got, wantRows)
				}
				if got := dbTables(t, d); !slices.Equal(got, wantTables) {
					t.Errorf("tables %v, want %v", got, wantTables)
				}
			})
		}
	})
}

// TestDBNoPassword: no output of any command shows the password, including driver
// errors (closed port, unknown database, failing statement) and current -v.
func TestDBNoPassword(t *testing.T) {
	const pw = "s3cr3t-pw"
	good := testdb.Postgres(t) // postgres://user@host:port/db; the server trusts us
	rest := strings.TrimPrefix(good, "postgres://")
	user, hostDB, _ := strings.Cut(rest, "@")
	host, db, _ := strings.Cut(hostDB, "/")
	withPW := func(host, db string) string { return "postgresql://" + user + ":" + pw + "@" + host + "/" + db }
	urls := map[string]string{
		"closed port":      withPW("127.0.0.1:1", db),
		"unknown database": withPW(host, "no_such_database_xyz"),
		"good":             withPW(host, db),
	}
	revs := dbFailingChain()
	for name, url := range urls {
		t.Run(name, func(t *testing.T) {
			d := dbTarget{dialect: "postgresql", url: url}
			dir := dbProject(t, d, revs, "")
			runs := [][]string{
				{"upgrade", "head"}, {"current"}, {"current", "-v"}, {"downgrade", "base"},
				{"stamp", "r0001"}, {"history", "-i"}, {"upgrade", "head", "--sql"},
				{"-x", "url=" + url, "current", "-v"},
			}
			for _, args := range runs {
				for _, env := range [][]string{nil, {"DATABASE_URL=" + url}} {
					r := runEnv(t, dir, env, bin, args...)
					if strings.Contains(r.stdout+r.stderr, pw) {
						t.Errorf("retort %s (env %v) shows the password:\n%s%s", strings.Join(args, " "), env, r.stdout, r.stderr)
					}
					if name != "good" && !strings.Contains(args[len(args)-1], "sql") && (r.code != 1 || !strings.Contains(r.stderr, "FAILED: ")) {
						t.Errorf("retort %s: exit %d, stderr %q; want a FAILED line", strings.Join(args, " "), r.code, r.stderr)
					}
				}
			}
		})
	}
}

// TestDBCurrent: current prints the tips of the rows and their ancestors, never creates
// the version table, and -v names the URL without its password; history -i and show
// current create the table, as Alembic's do.
func TestDBCurrent(t *testing.T) {
	dbEach(t, func(t *testing.T, d dbTarget) {
		revs := []dbRev{
			{id: "a1"}, {id: "b1", down: "a1"}, {id: "b2", down: "b1", deps: "c1"},
			{id: "c1", labels: "lib"}, {id: "c2", down: "c1"},
		}
		dir := dbProject(t, d, revs, "")
		if r := dbRetort(t, dir, "current"); r.stdout != "" || dbRows(t, d) != nil {
			t.Fatalf("current on an empty database: stdout %q, rows %v; want nothing and no table", r.stdout, dbRows(t, d))
		}
		// the database line (redacted URL and its source), then Alembic's context line
		wantLog := "INFO  [retort] Database " + d.url + " (from sqlalchemy.url in alembic.ini)\nINFO  [alembic.runtime.migration] Context impl "
		if r := dbRetort(t, dir, "current", "-v"); r.stdout != "Current revision(s) for "+d.url+":\n" || !strings.HasPrefix(r.stderr, wantLog) {
			t.Errorf("current -v: stdout %q stderr %q", r.stdout, r.stderr)
		}
		if r := dbRetort(t, dir, "history", "-i"); dbRows(t, d) == nil || !strings.HasPrefix(r.stderr, wantLog) {
			t.Fatalf("history -i did not create the version table (stderr %q)", r.stderr)
		}
		dbRetort(t, dir, "upgrade", "b2")
		if got := dbRows(t, d); !slices.Equal(got, []string{"b2"}) {
			t.Errorf("rows after upgrade b2: %v", got)
		}
		// Rows {b2}; b2 depends on c1, so c1 is a tip too (an unordered set in Alembic).
		r := dbRetort(t, dir, "current")
		if got := sorted(strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")); !slices.Equal(got, []string{"b2 (head)", "c1"}) {
			t.Errorf("current: %q, want the lines %q and %q", r.stdout, "b2 (head)", "c1")
		}
		if r := dbRetort(t, dir, "show", "current"); !strings.HasPrefix(r.stdout, "Rev: b2 (head)\n") {
			t.Errorf("show current: %q", r.stdout)
		}
		dbExec(t, d, "INSERT INTO alembic_version (version_num) VALUES ('zzzz')")
		if r := retort(t, dir, "current"); r.code != 1 || !strings.HasSuffix(r.stderr, "FAILED: Can't locate revision identified by 'zzzz'\n") {
			t.Errorf("current with an unknown row: exit %d, stderr %q", r.code, r.stderr)
		}
	})
}

// TestDBOffline: --sql prints the plan without connecting (the URL points nowhere), from
// the start of a start:end range, and the argument errors are Alembic's.
func TestDBOffline(t *testing.T) {
	urls := map[string]string{
		"sqlite":     "sqlite:////nonexistent/dir/app.db",
		"postgresql": "postgresql://u:pw@127.0.0.1:1/nowhere",
		"mysql":      "mysql+pymysql://u:pw@127.0.0.1:1/nowhere",
		"mariadb":    "mariadb+pymysql://u:pw@127.0.0.1:1/nowhere",
	}
	step3 := "-- Running upgrade r0002 -> r0003\n\n" +
		"CREATE TABLE tr0003 (id INTEGER PRIMARY KEY, v TEXT);\n\n" +
		"INSERT INTO tr0003 (id, v) VALUES (1, 'r0003');\n\n" +
		"UPDATE alembic_version SET version_num='r0003' WHERE alembic_version.version_num = 'r0002';\n\n"
	create := "CREATE TABLE alembic_version (\n    version_num VARCHAR(32) NOT NULL, \n    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)\n);\n\n"
	for _, name := range dbDialects {
		t.Run(name, func(t *testing.T) {
			d := dbTarget{dialect: name, url: urls[name]}
			dir := dbProject(t, d, dbChain(3, nil), "")
			wrap := func(s string) string {
				if dbPolicy(t, name, false, true) == dialect.TxPerCommand {
					return "BEGIN;\n\n" + s + "COMMIT;\n\n"
				}
				return s
			}
			ok := []struct {
				args []string
				want string
			}{
				{[]string{"upgrade", "r0002:head", "--sql"}, wrap(step3)},
				{[]string{"upgrade", "r0002:r0003", "--sql"}, wrap(step3)},
				{[]string{"stamp", "--sql", "r0001:r0003"}, wrap("-- Running stamp_revision r0001 -> r0003\n\n" +
					"UPDATE alembic_version SET version_num='r0003' WHERE alembic_version.version_num = 'r0001';\n\n")},
				{[]string{"stamp", "--sql", "r0002"}, wrap(create + "-- Running stamp_revision  -> r0002\n\n" +
					"INSERT INTO alembic_version (version_num) VALUES ('r0002');\n\n")},
				{[]string{"downgrade", "--sql", "r0002:r0001"}, wrap("-- Running downgrade r0002 -> r0001\n\nDROP TABLE tr0002;\n\n" +
					"UPDATE alembic_version SET version_num='r0001' WHERE alembic_version.version_num = 'r0002';\n\n")},
				{[]string{"ensure_version", "--sql"}, wrap(create)},
			}
			for _, tt := range ok {
				r := dbRetort(t, dir, tt.args...)
				if r.stdout != tt.want {
					t.Errorf("retort %s:\n got %q\nwant %q", strings.Join(tt.args, " "), r.stdout, tt.want)
				}
				if !strings.Contains(r.stderr, "INFO  [alembic.runtime.migration] Generating static SQL\n") {
					t.Errorf("retort %s: stderr %q", strings.Join(tt.args, " "), r.stderr)
				}
			}
			full := dbRetort(t, dir, "upgrade", "head", "--sql").stdout
			if !strings.HasPrefix(full, strings.TrimSuffix(wrap(create), "COMMIT;\n\n")) || !strings.Contains(full, step3) {
				t.Errorf("upgrade head --sql:\n%s", full)
			}
			bad := []struct {
				args []string
				want string
			}{
				{[]string{"upgrade", "r0001:r0002"}, "Range revision not allowed"},
				{[]string{"downgrade", "r0002:r0001"}, "Range revision not allowed"},
				{[]string{"downgrade", "--sql", "r0001"}, "downgrade with --sql requires <fromrev>:<torev>"},
				{[]string{"stamp", "--sql", "r0001:r0003", "r0002:r0003"}, "Stamp operation with --sql only supports a single starting revision at a time"},
				{[]string{"stamp", "--sql", "--purge", "r0003"}, "Can't use --purge with --sql mode"},
				{[]string{"upgrade", "--sql", "zzzz:head"}, "Can't locate revision identified by 'zzzz'"},
			}
			for _, tt := range bad {
				r := retort(t, dir, tt.args...)
				if r.code != 1 || r.stdout != "" || !strings.HasSuffix(r.stderr, "FAILED: "+tt.want+"\n") {
					t.Errorf("retort %s: exit %d, stdout %q, stderr %q; want FAILED: %s", strings.Join(tt.args, " "), r.code, r.stdout, r.stderr, tt.want)
				}
			}
		})
	}
}

// TestDBLockTimeout: with another migration holding the lock, --lock-timeout gives up
// with exit 1 and changes nothing.
// dbLockHolders take each dialect's migration lock as another run would, and return
// how to let it go with the revisions the test then runs.
var dbLockHolders = map[string]func(t *testing.T, d dbTarget, revs []dbRev) (func(), []dbRev){
	"sqlite": func(t *testing.T, d dbTarget, revs []dbRev) (func(), []dbRev) {
		name, err := sqlite.LockFile(strings.TrimPrefix(d.url, "sqlite:///"))
		if err != nil {
			t.Fatal(err)
		}
		f, err := os.OpenFile(name, os.O_RDONLY|os.O_CREATE, 0o666)
		if err != nil {
			t.Fatal(err)
		}
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
			t.Fatal(err)
		}
		return func() { f.Close() }, revs
	},
	"postgresql": dbSleepingHolder("SELECT pg_sleep(3);", "SELECT locktype FROM pg_locks WHERE locktype = 'advisory'"),
	"mysql":      dbSleepingHolder("SELECT SLEEP(3);", dbSessionsQuery["mysql"]),
	"mariadb":    dbSleepingHolder("SELECT SLEEP(3);", dbSessionsQuery["mariadb"]),
}

// dbSleepingHolder is a run of retort itself holding the lock while a revision runs
// sleep; held is a query that returns rows once the lock is taken.
func dbSleepingHolder(sleep, held string) func(t *testing.T, d dbTarget, revs []dbRev) (func(), []dbRev) {
	return func(t *testing.T, d dbTarget, revs []dbRev) (func(), []dbRev) {
		revs[0].up = sleep
		holder := dbProject(t, d, revs[:1], "")
		cmd := exec.Command(bin, "upgrade", "head")
		cmd.Dir, cmd.Env = holder, cleanEnv()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(10 * time.Second)
		for len(dbStrings(t, d, held)) == 0 {
			if time.Now().After(deadline) {
				t.Fatal("the holder never took the lock")
			}
			time.Sleep(20 * time.Millisecond)
		}
		return func() { cmd.Wait() }, dbChain(2, nil)
	}
}

// dbCreateSchema creates a schema for t where the dialect has schemas and returns its
// name; on MySQL a schema is a database of the server, named uniquely and dropped after.
var dbCreateSchema = map[string]func(t *testing.T, d dbTarget) string{
	"postgresql": func(t *testing.T, d dbTarget) string {
		dbExec(t, d, "CREATE SCHEMA s1")
		return "s1"
	},
	"mysql":   dbMySQLSchema,
	"mariadb": dbMySQLSchema,
}

func dbMySQLSchema(t *testing.T, d dbTarget) string {
	name := fmt.Sprintf("retort_s1_%d_%d", os.Getpid(), time.Now().UnixNano()%1e9)
	dbExec(t, d, "CREATE DATABASE "+name)
	t.Cleanup(func() { d.db.Exec("DROP DATABASE IF EXISTS " + name) })
	return name
}

func TestDBLockTimeout(t *testing.T) {
	dbEach(t, func(t *testing.T, d dbTarget) {
		revs := dbChain(2, nil)
		hold, ok := dbLockHolders[d.dialect]
		if !ok {
			t.Fatalf("no lock holder for %s", d.dialect)
		}
		release, revs := hold(t, d, revs)
		dir := dbProject(t, d, revs, "")
		start := time.Now()
		r := retort(t, dir, "upgrade", "head", "--lock-timeout", "300ms")
		took := time.Since(start)
		release()
		if r.code != 1 || !strings.Contains(r.stderr, "timed out after 300ms waiting for the migration lock") {
			t.Errorf("exit %d, stderr %q; want a lock timeout", r.code, r.stderr)
		}
		if took > 2500*time.Millisecond {
			t.Errorf("gave up after %v, want about 300ms", took)
		}
		if slices.Contains(dbTables(t, d), "tr0002") {
			t.Errorf("the timed-out run applied revisions: %v", dbTables(t, d))
		}
	})
}

// TestDBVersionTableOptions: version_table and version_table_schema from the ini name
// the table every command reads and writes, online and in --sql output.
func TestDBVersionTableOptions(t *testing.T) {
	dbEach(t, func(t *testing.T, d dbTarget) {
		schema := "main" // SQLite's name for the database file itself
		if create, ok := dbCreateSchema[d.dialect]; ok {
			schema = create(t, d)
		}
		dir := dbProject(t, d, dbChain(2, nil), "version_table = my_version\nversion_table_schema = "+schema+"\n")
		dbRetort(t, dir, "upgrade", "+1")
		if r := dbRetort(t, dir, "current"); r.stdout != "r0001\n" {
			t.Errorf("current: %q", r.stdout)
		}
		dbRetort(t, dir, "upgrade", "head")
		if got := dbStrings(t, d, "SELECT version_num FROM "+schema+".my_version"); !slices.Equal(got, []string{"r0002"}) {
			t.Errorf("%s.my_version rows %v", schema, got)
		}
		if slices.Contains(dbTables(t, d), "alembic_version") {
			t.Errorf("alembic_version was created: %v", dbTables(t, d))
		}
		r := dbRetort(t, dir, "downgrade", "r0002:r0001", "--sql")
		if want := "UPDATE " + schema + ".my_version SET version_num='r0001' WHERE " + schema + ".my_version.version_num = 'r0002';"; !strings.Contains(r.stdout, want) {
			t.Errorf("downgrade --sql does not contain %q:\n%s", want, r.stdout)
		}
	})
}

// TestDBBadProjectUntouched: a command on a broken project fails before connecting, so
// the database is untouched (a SQLite file is not even created).
func TestDBBadProjectUntouched(t *testing.T) {
	dbEach(t, func(t *testing.T, d dbTarget) {
		revs := dbChain(2, nil)
		revs[1].down = "ffff9999"
		dir := dbProject(t, d, revs, "")
		for _, args := range [][]string{{"upgrade", "head"}, {"downgrade", "base"}, {"stamp", "head"}, {"current"}, {"ensure_version"}} {
			r := retort(t, dir, args...)
			if r.code != 1 || !strings.HasPrefix(r.stderr, "FAILED: Revision ffff9999 referenced from ") {
				t.Errorf("retort %s: exit %d, stderr %q", strings.Join(args, " "), r.code, r.stderr)
			}
		}
		if d.file != "" {
			if _, err := os.Stat(d.file); !os.IsNotExist(err) {
				t.Errorf("the database file was created (stat: %v)", err)
			}
		} else if got := dbTables(t, d); got != nil {
			t.Errorf("tables %v", got)
		}
	})
}

// dbForeignHolders hold a lock in each dialect's database the way another program
// would (not another retort), and return what the failure must say about it and how to
// let the lock go.
var dbForeignHolders = map[string]func(t *testing.T, d dbTarget) (string, func()){
	"sqlite": func(t *testing.T, d dbTarget) (string, func()) {
		cmd := exec.Command("python3", "-c", `import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
time.sleep(60)`, d.file)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Skipf("no python3 to hold the database: %v", err)
		}
		release := func() { cmd.Process.Kill(); cmd.Wait() }
		t.Cleanup(release)
		if line, _ := bufio.NewReader(out).ReadString('\n'); line != "locked\n" {
			t.Fatalf("the holder did not lock the database: %q", line)
		}
		return fmt.Sprintf("the database file %s is locked by another connection (pid %d (python3))", d.file, cmd.Process.Pid), release
	},
	"postgresql": func(t *testing.T, d dbTarget) (string, func()) {
		tx, err := d.db.Begin()
		if err != nil {
			t.Fatal(err)
		}
		release := func() { tx.Rollback() }
		t.Cleanup(release)
		if _, err := tx.Exec("LOCK TABLE alembic_version"); err != nil {
			t.Fatal(err)
		}
		var pid int
		if err := tx.QueryRow("SELECT pg_backend_pid()").Scan(&pid); err != nil {
			t.Fatal(err)
		}
		return fmt.Sprintf("locked: alembic_version (AccessExclusiveLock) held by pid %d (user ", pid), release
	},
	"mysql":   dbMySQLForeignHolder,
	"mariadb": dbMySQLForeignHolder,
}

// dbMySQLForeignHolder is a session whose open transaction locked the version row, which
// the run's version-row change then waits for.
func dbMySQLForeignHolder(t *testing.T, d dbTarget) (string, func()) {
	tx, err := d.db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	release := func() { tx.Rollback() }
	t.Cleanup(release)
	var id int64
	if err := tx.QueryRow("SELECT CONNECTION_ID()").Scan(&id); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec("SELECT version_num FROM alembic_version FOR UPDATE"); err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("open transactions: id %d (user ", id), release
}

// TestDBForeignLocks: a lock another session holds in the database (not another
// retort's migration lock) is waited for no longer than --lock-timeout, by upgrade and by
// current, and the failure says what was locked and by whom. SQLite: another process's BEGIN EXCLUSIVE;
// PostgreSQL: a session holding LOCK TABLE alembic_version.
func TestDBForeignLocks(t *testing.T) {
	dbEach(t, func(t *testing.T, d dbTarget) {
		rt, err := dialect.Lookup(d.dialect)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := rt.(dialect.WaitBounder); !ok {
			t.Skipf("the %s dialect does not bound waits on other sessions' locks (no dialect.WaitBounder)", d.dialect)
		}
		hold, ok := dbForeignHolders[d.dialect]
		if !ok {
			t.Fatalf("no foreign lock holder for %s: add one to dbForeignHolders", d.dialect)
		}
		dir := dbProject(t, d, dbChain(2, nil), "")
		dbRetort(t, dir, "upgrade", "r0001")
		for _, args := range [][]string{{"upgrade", "head"}, {"current"}} {
			holder, release := hold(t, d)
			release = sync.OnceFunc(release)
			// a run that does not give up ends when the lock goes, instead of hanging the test
			timer := time.AfterFunc(10*time.Second, release)
			start := time.Now()
			r := retort(t, dir, append(args, "--lock-timeout", "2s")...)
			took := time.Since(start)
			timer.Stop()
			release()
			lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
			last := lines[len(lines)-1]
			switch {
			case args[0] == "current" && r.code == 0:
				// a read no lock blocks (MySQL reads a snapshot past the locked row)
				if r.stdout != "r0001\n" {
					t.Errorf("current: stdout %q", r.stdout)
				}
			case r.code != 1 || !strings.HasPrefix(last, "FAILED: ") || !strings.Contains(last, "gave up waiting for a lock after 2s: "+holder):
				t.Errorf("%s: exit %d, last line %q\nwant a FAILED line containing %q", args[0], r.code, last, holder)
			}
			if took > 6*time.Second {
				t.Errorf("%s gave up after %v, want about 2s", args[0], took)
			}
		}
		if rows := dbRows(t, d); !slices.Equal(rows, []string{"r0001"}) {
			t.Errorf("rows %v, want [r0001]", rows)
		}
	})
}
