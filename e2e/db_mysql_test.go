package e2e

import (
	"fmt"
	"math/rand/v2"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/retort-dev/retort/dialect"
)

// TestMySQLPartialFailure: MySQL commits DDL as it runs, so a revision whose third
// statement fails cannot be undone whole. The FAILED line names the statements of the
// revision the server had already committed (by number and text) and says that
// alembic_version still names the revision before; the database shows exactly that: the
// DDL and what ran before it stayed, the rest was rolled back, the version row is
// unchanged.
func TestMySQLPartialFailure(t *testing.T) {
	tests := []struct {
		name      string
		from      string // upgrade to this first ("" = empty database)
		third     string // the failing statement (line 11)
		committed string // the clause the FAILED line must hold
		rows      int    // rows left in tr0002
	}{
		{"DML after DDL rolled back", "r0001", "INSERT INTO no_such_table (id) VALUES (1);",
			`the server had already committed statement 1 of revision r0002 (DDL commits implicitly): 1 "CREATE TABLE tr0002 (id INTEGER PRIMARY KEY, v TEXT)"; alembic_version still names r0001`, 0},
		{"failing DDL commits the DML before it", "r0001", "CREATE TABLE tr0001 (id INTEGER);",
			`the server had already committed statements 1-2 of revision r0002 (DDL commits implicitly): 1 "CREATE TABLE tr0002 (id INTEGER PRIMARY KEY, v TEXT)", 2 "INSERT INTO tr0002 (id, v) VALUES (1, 'r0002')"; alembic_version still names r0001`, 1},
		{"from an empty database", "", "INSERT INTO no_such_table (id) VALUES (1);",
			`the server had already committed statement 1 of revision r0002 (DDL commits implicitly): 1 "CREATE TABLE tr0002 (id INTEGER PRIMARY KEY, v TEXT)"; alembic_version still names r0001`, 0},
		{"a syntax error commits nothing", "r0001", "CREATEE TABLE t9 (id INTEGER);",
			`the server had already committed statement 1 of revision r0002 (DDL commits implicitly): 1 "CREATE TABLE tr0002 (id INTEGER PRIMARY KEY, v TEXT)"; alembic_version still names r0001`, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := dbNew(t, "mysql")
			revs := dbChain(3, nil)
			revs[1].up = "CREATE TABLE tr0002 (id INTEGER PRIMARY KEY, v TEXT);\nINSERT INTO tr0002 (id, v) VALUES (1, 'r0002');\n" + tt.third
			dir := dbProject(t, d, revs, "")
			if tt.from != "" {
				dbRetort(t, dir, "upgrade", tt.from)
			}
			r := retort(t, dir, "upgrade", "head")
			path := filepath.Join(dir, "migrations", "versions", "0001_r0002.sql")
			lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
			last := lines[len(lines)-1]
			want := "FAILED: " + path + ":11: statement " + fmt.Sprintf("%q", strings.TrimSuffix(tt.third, ";")) + " failed: "
			if r.code != 1 || !strings.HasPrefix(last, want) || !strings.HasSuffix(last, tt.committed) {
				t.Fatalf("exit %d, last line\n%s\nwant exit 1 and a line starting\n%s\nending\n%s", r.code, last, want, tt.committed)
			}
			if got := dbRows(t, d); !slices.Equal(got, []string{"r0001"}) {
				t.Errorf("rows %v, want [r0001]", got)
			}
			if got := dbTables(t, d); !slices.Equal(got, []string{"alembic_version", "tr0001", "tr0002"}) {
				t.Errorf("tables %v", got)
			}
			if got := dbStrings(t, d, "SELECT CAST(count(*) AS CHAR) FROM tr0002"); !slices.Equal(got, []string{fmt.Sprint(tt.rows)}) {
				t.Errorf("tr0002 holds %v rows, want %d", got, tt.rows)
			}
		})
	}
}

// TestMySQLCrash kills retort (SIGKILL) at random moments of a long upgrade. Each
// revision creates a table and fills it. After each kill, alembic_version names exactly
// the revisions whose statements all ran: their tables exist, full. The one revision in
// flight may have left its table behind (its CREATE TABLE committed itself), but empty:
// its INSERT commits only with its version row. The operator's step the README gives
// (drop what the in-flight revision left) then lets the upgrade finish.
func TestMySQLCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping in -short mode: kills many long migrations")
	}
	const n, kills = 80, 10
	d := dbNew(t, "mysql")
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 0))
	revs := dbFilledChain(n)
	dir := dbProject(t, d, revs, "")
	start := time.Now()
	dbRetort(t, dir, "upgrade", "head")
	span := time.Since(start)
	dbRetort(t, dir, "downgrade", "base")
	inFlight := 0
	for i := 0; i < kills; i++ {
		c := exec.Command(bin, "upgrade", "head")
		c.Dir, c.Env = dir, cleanEnv()
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.Int64N(int64(span) + 1)))
		c.Process.Signal(syscall.SIGKILL)
		c.Wait()
		dbQuiesce(t, d)
		applied := 0
		if rows := dbRows(t, d); len(rows) == 1 {
			fmt.Sscanf(rows[0], "r%d", &applied)
		} else if len(rows) > 1 {
			t.Fatalf("rows %v", rows)
		}
		var want []string
		if dbRows(t, d) != nil {
			want = append(want, "alembic_version")
		}
		for k := 1; k <= applied; k++ {
			want = append(want, fmt.Sprintf("tr%04d", k))
		}
		got := dbTables(t, d)
		next := fmt.Sprintf("tr%04d", applied+1)
		if slices.Contains(got, next) {
			inFlight++
			if rows := dbStrings(t, d, "SELECT CAST(count(*) AS CHAR) FROM "+next); !slices.Equal(rows, []string{"0"}) {
				t.Errorf("kill %d: the in-flight revision's table %s holds %v rows; its INSERT must commit only with its version row", i, next, rows)
			}
			dbExec(t, d, "DROP TABLE "+next) // the README's step after a crash
			got = slices.DeleteFunc(got, func(s string) bool { return s == next })
		}
		if !slices.Equal(got, want) {
			t.Fatalf("kill %d: rows name %d revisions, but tables are\n%v\nwant\n%v", i, applied, got, want)
		}
		for k := 1; k <= applied; k += 37 {
			if rows := dbStrings(t, d, fmt.Sprintf("SELECT CAST(count(*) AS CHAR) FROM tr%04d", k)); !slices.Equal(rows, []string{"20"}) {
				t.Errorf("kill %d: applied revision r%04d's table holds %v rows, want 20", i, k, rows)
			}
		}
	}
	t.Logf("%d of %d kills left an in-flight revision's table behind", inFlight, kills)
	dbRetort(t, dir, "upgrade", "head")
	if rows := dbRows(t, d); !slices.Equal(rows, []string{revs[n-1].id}) {
		t.Errorf("after the final upgrade: rows %v", rows)
	}
}

// TestMySQLAlembicOffline: on one Alembic project (.py revisions of op.execute bodies,
// one with a quote and a backslash in a literal), retort's --sql output is Alembic's
// byte for byte, log lines included (MySQLImpl for mysql:// URLs, MariaDBImpl for
// mariadb:// ones, non-transactional DDL, no BEGIN/COMMIT). The URLs point at a closed
// port: neither tool connects.
func TestMySQLAlembicOffline(t *testing.T) {
	alembic := alembicCommand(t)
	revs := []dbRev{
		{id: "aa1100000001", up: "CREATE TABLE account (id INTEGER NOT NULL AUTO_INCREMENT PRIMARY KEY, name VARCHAR(50))", downSQL: "DROP TABLE account"},
		{id: "ab2200000002", down: "aa1100000001", up: `INSERT INTO account (name) VALUES ('it''s C:\\temp')`, downSQL: "DELETE FROM account"},
		{id: "ac3300000003", down: "ab2200000002", up: "ALTER TABLE account ADD COLUMN `rank` INTEGER", downSQL: "ALTER TABLE account DROP COLUMN `rank`"},
	}
	dbs := map[string]dbTarget{
		"mysql":   {url: "mysql+pymysql://u:pw@127.0.0.1:1/nowhere"},
		"mariadb": {url: "mariadb+pymysql://u:pw@127.0.0.1:1/nowhere"},
	}
	dir := t.TempDir()
	dbAlembicProject(t, alembic, dir, revs, dbs)
	// The same revisions as .sql files (the bodies as Python reads the .py strings).
	sqlDir := t.TempDir()
	sqlRevs := slices.Clone(revs)
	for i := range sqlRevs {
		sqlRevs[i].up = strings.ReplaceAll(sqlRevs[i].up, `\\`, `\`) + ";"
		sqlRevs[i].downSQL += ";"
	}
	dbWriteProject(t, sqlDir, dbs["mysql"], sqlRevs, "")
	for name := range dbs {
		writeFile(t, sqlDir, name+".ini", "[alembic]\nscript_location = %(here)s/migrations\nsqlalchemy.url = "+dbs[name].url+"\n")
	}
	for name := range dbs {
		for _, args := range [][]string{
			{"upgrade", "head", "--sql"},
			{"upgrade", "aa11:ac33", "--sql"},
			{"downgrade", "ac33:aa11", "--sql"},
			{"stamp", "ab22", "--sql"},
			{"stamp", "aa11:ac33", "--sql"},
		} {
			args = append([]string{"-c", name + ".ini"}, args...)
			want := runIn(t, dir, alembic[0], append(alembic[1:], args...)...)
			if want.code != 0 {
				t.Fatalf("alembic %v: exit %d\n%s", args, want.code, want.stderr)
			}
			projects := map[string]string{".sql": sqlDir}
			if dl, err := dialect.Lookup(name); err != nil {
				t.Fatal(err)
			} else if _, ok := dl.(dialect.AlembicRenderer); ok {
				projects[".py"] = dir // the op.execute bodies, read by retort without Python
			} else {
				t.Logf("%s renders no Alembic ops yet: only the .sql revisions are compared", name)
			}
			for kind, d := range projects {
				got := retort(t, d, args...)
				got.stderr = withoutRetortLines(got.stderr)
				if got.code != want.code || got.stdout != want.stdout || got.stderr != want.stderr {
					t.Errorf("%v on %s revisions:\n--- retort (exit %d)\n%s%s--- alembic (exit %d)\n%s%s", args, kind, got.code, got.stderr, got.stdout, want.code, want.stderr, want.stdout)
				}
			}
		}
	}
}

// TestMySQLVersionTable: retort creates alembic_version as Alembic does on MySQL (the
// server's SHOW CREATE TABLE is the same), and its online log lines are Alembic's for
// mysql:// and mariadb:// URLs alike.
func TestMySQLVersionTable(t *testing.T) {
	alembic := alembicCommand(t)
	for _, scheme := range []string{"mysql+pymysql", "mariadb+pymysql"} {
		t.Run(scheme, func(t *testing.T) {
			a, r := dbNew(t, "mysql"), dbNew(t, "mysql")
			a.url = scheme + strings.TrimPrefix(a.url, "mysql+pymysql")
			r.url = scheme + strings.TrimPrefix(r.url, "mysql+pymysql")
			revs := []dbRev{{id: "aa1100000001"}}
			dir := t.TempDir()
			dbAlembicProject(t, alembic, dir, revs, map[string]dbTarget{"a": a, "r": r})
			for _, args := range [][]string{{"ensure_version"}, {"current"}} {
				want := runIn(t, dir, alembic[0], append(alembic[1:], append([]string{"-c", "a.ini"}, args...)...)...)
				got := retort(t, dir, append([]string{"-c", "r.ini"}, args...)...)
				got.stderr = withoutRetortLines(got.stderr)
				if want.code != 0 || got.code != 0 || got.stderr != want.stderr || got.stdout != want.stdout {
					t.Errorf("%v:\n--- retort (exit %d)\n%s%s--- alembic (exit %d)\n%s%s", args, got.code, got.stderr, got.stdout, want.code, want.stderr, want.stdout)
				}
			}
			show := func(d dbTarget) string {
				var name, ddl string
				if err := d.db.QueryRow("SHOW CREATE TABLE alembic_version").Scan(&name, &ddl); err != nil {
					t.Fatal(err)
				}
				return ddl
			}
			if got, want := show(r), show(a); got != want {
				t.Errorf("alembic_version as retort creates it:\n%s\nas Alembic does:\n%s", got, want)
			}
		})
	}
}

// TestMySQLStatementSplitting: a revision written for the mysql client runs as it would
// there: # and "-- " comments, backslash escapes and double-quoted strings holding
// semicolons, and a procedure between DELIMITER lines.
func TestMySQLStatementSplitting(t *testing.T) {
	d := dbNew(t, "mysql")
	revs := []dbRev{{id: "aa1100000001",
		up: "# a hash comment; with a semicolon\n" +
			"CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT); -- a dash comment; too\n" +
			`INSERT INTO note VALUES (1, 'it\'s; a "test"'), (2, "double; \"quoted\"");` + "\n" +
			"DELIMITER //\n" +
			"CREATE PROCEDURE add_note(IN b TEXT)\nBEGIN\n  INSERT INTO note (id, body) SELECT MAX(id) + 1, b FROM note;\nEND//\n" +
			"DELIMITER ;\n" +
			"CALL add_note('three; four');",
		downSQL: "DROP PROCEDURE add_note;\nDROP TABLE note;"}}
	dir := dbProject(t, d, revs, "")
	dbRetort(t, dir, "upgrade", "head")
	want := []string{`1 it's; a "test"`, `2 double; "quoted"`, "3 three; four"}
	if got := dbStrings(t, d, "SELECT CONCAT(id, ' ', body) FROM note"); !slices.Equal(got, want) {
		t.Errorf("rows %q, want %q", got, want)
	}
	dbRetort(t, dir, "downgrade", "base")
	if got := dbTables(t, d); !slices.Equal(got, []string{"alembic_version"}) {
		t.Errorf("tables after downgrade: %v", got)
	}
}
