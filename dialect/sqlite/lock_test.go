package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/retort-dev/retort/dialect"
)

// TestLockOutsideTheProject: the lock holds off a second run (also through a symlink to
// the database), is free again after release, and leaves no file beside the database.
func TestLockOutsideTheProject(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	project := t.TempDir()
	path := filepath.Join(project, "app.db")
	if err := os.Symlink(path, filepath.Join(project, "link.db")); err != nil {
		t.Fatal(err)
	}
	conn := func(p string) *sql.Conn {
		db, err := Dialect{}.Open(context.Background(), dialect.URL{Dialect: "sqlite", Database: p})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		c, err := db.Conn(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		if _, err := c.ExecContext(context.Background(), "CREATE TABLE IF NOT EXISTS t (id INTEGER)"); err != nil {
			t.Fatal(err)
		}
		return c
	}
	ctx := context.Background()
	release, err := Dialect{}.Lock(ctx, conn(path), "alembic_version", 0)
	if err != nil {
		t.Fatal(err)
	}
	var timeout *dialect.LockTimeoutError
	if _, err := (Dialect{}).Lock(ctx, conn(filepath.Join(project, "link.db")), "alembic_version", 100*time.Millisecond); !errors.As(err, &timeout) {
		t.Fatalf("second lock through a symlink: %v, want a lock timeout", err)
	}
	if err := release(); err != nil {
		t.Fatal(err)
	}
	release, err = Dialect{}.Lock(ctx, conn(path), "alembic_version", 100*time.Millisecond)
	if err != nil {
		t.Fatalf("lock after release: %v", err)
	}
	release()

	entries, _ := os.ReadDir(project)
	for _, e := range entries {
		if name := e.Name(); name != "app.db" && name != "link.db" {
			t.Errorf("file left in the project directory: %s", name)
		}
	}
	name, err := LockFile(path)
	if err != nil || !strings.HasPrefix(name, filepath.Join(tmp, "retort-locks", "app.db-")) {
		t.Errorf("lock file %q, %v; want it under $TMPDIR/retort-locks", name, err)
	}
	if fi, err := os.Stat(filepath.Dir(name)); err != nil || fi.Mode().Perm() != 0o777 || fi.Mode()&os.ModeSticky == 0 {
		t.Errorf("lock directory mode %v, %v; want drwxrwxrwt (shared, sticky)", fi.Mode(), err)
	}
}
