package sqlite

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"os"
	"strconv"
	"strings"
	"syscall"

	"github.com/mattn/go-sqlite3"

	"github.com/retort-dev/retort/dialect"
)

// OpenWith opens the database with o.WaitBound as its busy timeout: how long SQLite
// retries a database file another connection or process has locked.
func (Dialect) OpenWith(_ context.Context, u dialect.URL, o dialect.OpenOptions) (*sql.DB, error) {
	if o.WaitBound <= 0 {
		return open(u, busyMillis)
	}
	return open(u, int(max(o.WaitBound.Milliseconds(), 1)))
}

// ExplainWait names the database file and, on Linux, the processes holding a lock on it
// (from /proc/locks: SQLite locks byte ranges of the file with fcntl).
func (Dialect) ExplainWait(ctx context.Context, db *sql.DB, u dialect.URL, err error) (string, bool) {
	var se sqlite3.Error
	if !errors.As(err, &se) || (se.Code != sqlite3.ErrBusy && se.Code != sqlite3.ErrLocked) {
		return "", false
	}
	file := u.Database
	if file == "" && db != nil {
		var seq int
		var name string
		if db.QueryRowContext(ctx, "PRAGMA database_list").Scan(&seq, &name, &file) != nil {
			file = ""
		}
	}
	if file == "" || file == ":memory:" {
		return "the database is locked by another connection", true
	}
	msg := "the database file " + file + " is locked by another connection"
	if holders := fileLockHolders(file); len(holders) > 0 {
		msg += " (" + strings.Join(holders, ", ") + ")"
	}
	return msg, true
}

// fileLockHolders lists "pid N (command)" for the processes other than this one that
// hold a lock on path, from /proc/locks; nil where that cannot be told.
func fileLockHolders(path string) []string {
	fi, err := os.Stat(path)
	if err != nil {
		return nil
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return nil
	}
	f, err := os.Open("/proc/locks")
	if err != nil {
		return nil
	}
	defer f.Close()
	var holders []string
	seen := map[int]bool{os.Getpid(): true}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		// "1: POSIX  ADVISORY  WRITE 4242 08:01:1234567 0 EOF"; blocked waiters carry "->".
		fields := strings.Fields(sc.Text())
		if len(fields) < 6 || fields[1] == "->" {
			continue
		}
		dev := strings.Split(fields[5], ":")
		if len(dev) != 3 {
			continue
		}
		ino, err := strconv.ParseUint(dev[2], 10, 64)
		pid, perr := strconv.Atoi(fields[4])
		if err != nil || perr != nil || ino != st.Ino || seen[pid] {
			continue
		}
		seen[pid] = true
		h := "pid " + strconv.Itoa(pid)
		if comm, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/comm"); err == nil {
			h += " (" + strings.TrimSpace(string(comm)) + ")"
		}
		holders = append(holders, h)
	}
	return holders
}
