package e2e

import (
	"bytes"
	"math/rand/v2"
	"os/exec"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestDBConcurrentUpgrade: 8 processes run `upgrade head` on one database at once; all
// exit 0 and every revision runs exactly once (each logs itself into a table).
func TestDBConcurrentUpgrade(t *testing.T) {
	const n, procs = 60, 8
	dbEach(t, func(t *testing.T, d dbTarget) {
		revs := dbConcurrentUpgrades(t, d, d, n, procs, "")
		want := make([]string, n)
		for i, r := range revs {
			want[i] = r.id
		}
		if got := dbStrings(t, d, "SELECT rev FROM applied"); !slices.Equal(got, want) {
			t.Errorf("applied revisions (each must appear once):\n got %v\nwant %v", got, want)
		}
		if rows := dbRows(t, d); !slices.Equal(rows, []string{revs[n-1].id}) {
			t.Errorf("rows %v", rows)
		}
	})
}

// TestDBCrashSafety kills retort (SIGKILL) at random moments of long upgrades and
// downgrades; after each kill, the tables are exactly those of the revisions the version
// table says are applied (its rows and all their ancestors), and a final upgrade
// completes.
func TestDBCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping in -short mode: kills many long migrations")
	}
	const n, kills = 200, 20
	// Every 20th revision needs Python: retort commits before it, and the helper commits
	// its body with its version row; a kill there must leave them together.
	python := agPython(t)
	for _, perMig := range []string{"", "transaction_per_migration = true\n"} {
		ini := perMig + "python = " + python + "\n"
		for _, dialect := range dbDialects {
			if dbPartialCommits(t, dialect) {
				// Its DDL commits as it runs: TestMySQLCrash checks what a kill leaves there.
				continue
			}
			name := dialect
			if perMig != "" {
				if dbPolicy(t, dialect, true, false) == dbPolicy(t, dialect, false, false) {
					continue // the option changes nothing for this dialect
				}
				name += "/transaction_per_migration"
			}
			t.Run(name, func(t *testing.T) {
				d := dbNew(t, dialect)
				seed := uint64(time.Now().UnixNano())
				t.Logf("seed %d", seed)
				rng := rand.New(rand.NewPCG(seed, 0))
				revs := dbFilledChain(n)
				for i := 10; i < n; i += 20 {
					revs[i].python = true
				}
				dir := dbProject(t, d, revs, ini)
				// A full run each way gives the span the kill moments are drawn from.
				span := map[string]time.Duration{}
				for _, cmd := range []string{"upgrade", "downgrade"} {
					target := map[string]string{"upgrade": "head", "downgrade": "base"}[cmd]
					start := time.Now()
					dbRetort(t, dir, cmd, target)
					span[cmd] = time.Since(start)
				}
				partial := 0 // kills that left some but not all revisions applied
				for i := 0; i < kills; i++ {
					cmd, target := "upgrade", "head"
					if i%3 == 2 {
						cmd, target = "downgrade", "base"
					}
					c := exec.Command(bin, cmd, target)
					c.Dir, c.Env = dir, cleanEnv()
					if err := c.Start(); err != nil {
						t.Fatal(err)
					}
					time.Sleep(time.Duration(rng.Int64N(int64(span[cmd]) + 1)))
					c.Process.Signal(syscall.SIGKILL)
					c.Wait()
					dbQuiesce(t, d)
					dbCheckApplied(t, d, revs)
					if rows := dbRows(t, d); len(rows) > 0 && rows[0] != revs[n-1].id {
						partial++
					}
				}
				t.Logf("%d of %d kills left a partly migrated database", partial, kills)
				dbRetort(t, dir, "upgrade", "head")
				if rows := dbRows(t, d); !slices.Equal(rows, []string{revs[n-1].id}) {
					t.Errorf("after the final upgrade: rows %v", rows)
				}
				dbCheckApplied(t, d, revs)
			})
		}
	}
}

// dbSessionsQuery lists the other sessions of a server database.
var dbSessionsQuery = map[string]string{
	"postgresql": "SELECT pid::text FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
	// MySQL: the session holding the migration lock (test databases are used by one project).
	"mysql":   "SELECT CAST(IS_USED_LOCK(CONCAT('retort:', DATABASE(), '.alembic_version')) AS CHAR) FROM DUAL WHERE IS_USED_LOCK(CONCAT('retort:', DATABASE(), '.alembic_version')) IS NOT NULL",
	"mariadb": "SELECT CAST(IS_USED_LOCK(CONCAT('retort:', DATABASE(), '.alembic_version')) AS CHAR) FROM DUAL WHERE IS_USED_LOCK(CONCAT('retort:', DATABASE(), '.alembic_version')) IS NOT NULL",
}

// dbQuiesce waits until no other session uses a PostgreSQL database (on MySQL: holds
// the migration lock), so that a killed
// client's transaction has ended (committed or rolled back) before the checks read.
func dbQuiesce(t *testing.T, d dbTarget) {
	t.Helper()
	q, ok := dbSessionsQuery[d.dialect]
	if !ok {
		return
	}
	deadline := time.Now().Add(10 * time.Second)
	for len(dbStrings(t, d, q)) > 0 {
		if time.Now().After(deadline) {
			t.Fatal("a killed run's session did not end")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// dbCheckApplied checks that the tables t<rev> are exactly those of the revisions in the
// version table's history: its rows and all their ancestors.
func dbCheckApplied(t *testing.T, d dbTarget, revs []dbRev) {
	t.Helper()
	down := map[string][]string{}
	for _, r := range revs {
		if r.down != "" {
			down[r.id] = strings.Split(r.down, ",")
		}
	}
	rows := dbRows(t, d)
	applied := map[string]bool{}
	for todo := slices.Clone(rows); len(todo) > 0; {
		id := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		if !applied[id] {
			applied[id] = true
			todo = append(todo, down[id]...)
		}
	}
	var want []string
	if rows != nil {
		want = append(want, "alembic_version")
	}
	for id := range applied {
		want = append(want, "t"+id)
	}
	slices.Sort(want)
	if got := dbTables(t, d); !slices.Equal(got, want) {
		t.Fatalf("rows %v, but tables differ from their history:\n got %v\nwant %v", rows, got, want)
	}
}

// dbConcurrentUpgrades makes a chain of n revisions that each log their id into a table
// "applied" (a project on project's URL) and runs procs `upgrade head` at once; checks
// happen on the database behind d.
func dbConcurrentUpgrades(t *testing.T, project, d dbTarget, n, procs int, extraIni string) []dbRev {
	t.Helper()
	revs := dbChain(n, func(id string) string {
		return "INSERT INTO applied (rev) VALUES ('" + id + "');"
	})
	revs[0].up = "CREATE TABLE applied (rev TEXT NOT NULL);\n" + revs[0].up
	dir := dbProject(t, project, revs, extraIni)
	cmds := make([]*exec.Cmd, procs)
	outs := make([]*bytes.Buffer, procs)
	for i := range cmds {
		cmds[i] = exec.Command(bin, "upgrade", "head")
		cmds[i].Dir, cmds[i].Env = dir, cleanEnv()
		outs[i] = &bytes.Buffer{}
		cmds[i].Stdout, cmds[i].Stderr = outs[i], outs[i]
	}
	for _, c := range cmds {
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
	}
	for i, c := range cmds {
		if err := c.Wait(); err != nil {
			t.Errorf("process %d: %v\n%s", i, err, outs[i])
		}
	}
	return revs
}
