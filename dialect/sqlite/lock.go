package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/retort-dev/retort/dialect"
)

// Lock takes the migration lock: an exclusive flock on a lock file named after the
// database file, in the shared temporary directory.
//
// Why a lock file: revisions commit one by one around a `transactional: false` revision
// (VACUUM cannot run in a transaction), and SQLite's write lock lives only as long as one
// transaction, so a second run could slip in between two revisions and plan from a
// half-applied state. Why not a lock on the database file itself: closing any descriptor
// of that file drops SQLite's POSIX locks in this process. Why not beside the database:
// the file must outlive the run (deleting it would let a waiter lock an unlinked inode
// while a newcomer locks a fresh file), and it would be left in the user's project
// directory. The shared temporary directory ($TMPDIR, else /tmp) is seen by every user and
// process that can open the database (a per-user runtime directory would not exclude
// another user migrating the same file); the name is a hash of the database's absolute path
// with symlinks resolved, so every path to the file takes the same lock. The files are
// empty, one per database, and the OS clears the directory. An in-memory database is
// private to its connection and needs no lock.
func (Dialect) Lock(ctx context.Context, conn *sql.Conn, key string, timeout time.Duration) (func() error, error) {
	var file string
	err := conn.QueryRowContext(ctx, "SELECT file FROM pragma_database_list WHERE name = 'main'").Scan(&file)
	if err != nil {
		return nil, fmt.Errorf("dialect/sqlite: find database file: %w", err)
	}
	if file == "" {
		return func() error { return nil }, nil
	}
	f, err := openLockFile(file)
	if err != nil {
		return nil, fmt.Errorf("dialect/sqlite: lock: %w", err)
	}
	if err := dialect.Poll(ctx, timeout, func() (bool, error) { return tryFlock(f) }); err != nil {
		f.Close()
		return nil, fmt.Errorf("dialect/sqlite: lock %s: %w", f.Name(), err)
	}
	return func() error {
		err := unFlock(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return err
	}, nil
}

// lockDir is where the lock files live: one directory in the shared temporary directory,
// writable by everyone and sticky, as /tmp is.
func lockDir() (string, error) {
	dir := filepath.Join(os.TempDir(), "retort-locks")
	if err := os.Mkdir(dir, 0o777|os.ModeSticky); err == nil {
		// Mkdir's mode is cut by the umask: set it as meant, for the other users
		if err := os.Chmod(dir, 0o777|os.ModeSticky); err != nil {
			return "", err
		}
	} else if !os.IsExist(err) {
		return "", err
	}
	return dir, nil
}

// LockFile is the lock file of the database at path (absolute, symlinks resolved).
func LockFile(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	dir, err := lockDir()
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(dir, filepath.Base(abs)+"-"+hex.EncodeToString(sum[:8])+".lock"), nil
}

// openLockFile opens (creating) the database's lock file read-only: flock needs no write
// access, so a file another user created can be locked too.
func openLockFile(dbFile string) (*os.File, error) {
	name, err := LockFile(dbFile)
	if err != nil {
		return nil, err
	}
	return os.OpenFile(name, os.O_RDONLY|os.O_CREATE, 0o666)
}
