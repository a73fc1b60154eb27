package e2e

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/retort-dev/retort/internal/testdb"
)

// startPgBouncer runs a PgBouncer in transaction pooling on a free port in front of the
// test server, for t, and returns its host:port. Without the pgbouncer binary t is
// skipped, unless RETORT_REQUIRE_PGBOUNCER=1. PgBouncer refuses to run as root: as root
// it is started with -u nobody, its files readable by all.
func startPgBouncer(t *testing.T, server string) string {
	t.Helper()
	exe, err := exec.LookPath("pgbouncer")
	if err != nil {
		if os.Getenv("RETORT_REQUIRE_PGBOUNCER") == "1" {
			t.Fatalf("pgbouncer required but not found: %v", err)
		}
		t.Skipf("skipping: no pgbouncer binary (%v); install PgBouncer to run this test", err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	dir := t.TempDir()
	for d := dir; d != filepath.Dir(d) && strings.HasPrefix(d, os.TempDir()+"/"); d = filepath.Dir(d) {
		os.Chmod(d, 0o755) // readable by the unprivileged user PgBouncer runs as
	}
	host, serverPort, err := net.SplitHostPort(server)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "users.txt", "\"postgres\" \"\"\n")
	writeFile(t, dir, "pgbouncer.ini", fmt.Sprintf(`[databases]
* = host=%s port=%s
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = %d
unix_socket_dir =
auth_type = trust
auth_file = %s
pool_mode = transaction
max_client_conn = 200
default_pool_size = 4
ignore_startup_parameters = extra_float_digits
`, host, serverPort, port, filepath.Join(dir, "users.txt")))
	args := []string{filepath.Join(dir, "pgbouncer.ini")}
	if os.Geteuid() == 0 {
		args = append([]string{"-u", "nobody"}, args...)
	}
	cmd := exec.Command(exe, args...)
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		cmd.Wait()
	})
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	deadline := time.Now().Add(10 * time.Second)
	for {
		c, err := net.Dial("tcp", addr)
		if err == nil {
			c.Close()
			return addr
		}
		if time.Now().After(deadline) {
			t.Fatalf("pgbouncer did not listen on %s: %v\n%s", addr, err, logs.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestPgBouncerLeaseLock: 8 simultaneous `upgrade head` through PgBouncer in
// transaction pooling, with migration_lock = lease, all succeed and apply every
// revision exactly once (each logs itself into a table), and the lease is gone after.
func TestPgBouncerLeaseLock(t *testing.T) {
	const n, procs = 30, 8
	d := dbNew(t, "postgresql")
	raw := testdb.Postgres(t) // only for the server's address
	rest := strings.TrimPrefix(raw, "postgres://")
	_, hostDB, _ := strings.Cut(rest, "@")
	server, _, _ := strings.Cut(hostDB, "/")
	addr := startPgBouncer(t, server)
	_, dbName, _ := strings.Cut(strings.TrimPrefix(d.url, "postgresql+psycopg2://"), "/")
	pooled := dbTarget{dialect: d.dialect, url: "postgresql://postgres@" + addr + "/" + dbName, db: d.db}

	revs := dbConcurrentUpgrades(t, pooled, d, n, procs, "migration_lock = lease\n")
	want := make([]string, n)
	for i, r := range revs {
		want[i] = r.id + " 1"
	}
	if got := dbStrings(t, d, "SELECT rev || ' ' || count(*) FROM applied GROUP BY rev"); !slices.Equal(got, want) {
		t.Errorf("applied revisions (id count):\n got %v\nwant %v", got, want)
	}
	if rows := dbRows(t, d); !slices.Equal(rows, []string{revs[n-1].id}) {
		t.Errorf("rows %v", rows)
	}
	if left := dbStrings(t, d, "SELECT owner FROM alembic_version_lock"); len(left) != 0 {
		t.Errorf("leases left after the runs: %v", left)
	}
}
