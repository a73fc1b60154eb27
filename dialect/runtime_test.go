package dialect

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/retort-dev/retort/internal/testdb"
)

// openBoth opens a fresh SQLite file and a fresh PostgreSQL database (if a server is
// available) and calls fn with each.
func forEachDialect(t *testing.T, fn func(t *testing.T, url string)) {
	t.Run("sqlite", func(t *testing.T) {
		fn(t, "sqlite:///"+filepath.Join(t.TempDir(), "test.db"))
	})
	t.Run("postgresql", func(t *testing.T) {
		fn(t, "postgresql"+testdb.Postgres(t)[len("postgres"):])
	})
}

func TestQuoteIdent(t *testing.T) {
	tests := []struct{ in, sqlite, pg string }{
		{"alembic_version", "alembic_version", "alembic_version"},
		{"my_version2", "my_version2", "my_version2"},
		{"MyVersion", `"MyVersion"`, `"MyVersion"`},
		{"order", `"order"`, `"order"`},
		{"index", `"index"`, "index"},
		{"1abc", `"1abc"`, `"1abc"`},
		{`we"ird`, `"we""ird"`, `"we""ird"`},
		{"has space", `"has space"`, `"has space"`},
	}
	for _, tt := range tests {
		if got := (sqliteDialect{}).QuoteIdent(tt.in); got != tt.sqlite {
			t.Errorf("sqlite QuoteIdent(%q) = %s, want %s", tt.in, got, tt.sqlite)
		}
		if got := (postgresDialect{}).QuoteIdent(tt.in); got != tt.pg {
			t.Errorf("postgresql QuoteIdent(%q) = %s, want %s", tt.in, got, tt.pg)
		}
	}
}

func TestHasTable(t *testing.T) {
	forEachDialect(t, func(t *testing.T, url string) {
		ctx := context.Background()
		db, d, err := Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		mustExec(t, db, "CREATE TABLE present (x int)")
		for _, tt := range []struct {
			schema, table string
			want          bool
		}{
			{"", "present", true},
			{"", "absent", false},
			{"", "Present", false},
		} {
			got, err := d.HasTable(ctx, db, tt.schema, tt.table)
			if err != nil || got != tt.want {
				t.Errorf("HasTable(%q, %q) = %v, %v; want %v", tt.schema, tt.table, got, err, tt.want)
			}
		}
		if d.Name() == "postgresql" {
			mustExec(t, db, "CREATE SCHEMA s1")
			mustExec(t, db, "CREATE TABLE s1.only_there (x int)")
			for schema, want := range map[string]bool{"": false, "s1": true, "public": false} {
				got, err := d.HasTable(ctx, db, schema, "only_there")
				if err != nil || got != want {
					t.Errorf("HasTable(%q, only_there) = %v, %v; want %v", schema, got, err, want)
				}
			}
		}
	})
}

func mustExec(t *testing.T, db *sql.DB, q string) {
	t.Helper()
	if _, err := db.Exec(q); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// TestLock holds the lock on one pool and checks that a second pool times out, that a
// different key is independent, and that the lock is free again after release.
func TestLock(t *testing.T) {
	forEachDialect(t, func(t *testing.T, url string) {
		ctx := context.Background()
		conn := func() (Dialect, *sql.Conn) {
			db, d, err := Open(ctx, url)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			c, err := db.Conn(ctx)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { c.Close() })
			return d, c
		}
		d, c1 := conn()
		_, c2 := conn()
		release, err := d.Lock(ctx, c1, "alembic_version", time.Second)
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		_, err = d.Lock(ctx, c2, "alembic_version", 300*time.Millisecond)
		var lt *LockTimeoutError
		if !errors.As(err, &lt) {
			t.Fatalf("second Lock = %v, want a LockTimeoutError", err)
		}
		if waited := time.Since(start); waited < 300*time.Millisecond {
			t.Errorf("gave up after %v, before the timeout", waited)
		}
		if d.Name() == "postgresql" {
			other, err := d.Lock(ctx, c2, "other_version", time.Second)
			if err != nil {
				t.Fatalf("a different version table's lock: %v", err)
			}
			if err := other(); err != nil {
				t.Fatal(err)
			}
		}
		done := make(chan error, 1)
		go func() {
			rel, err := d.Lock(ctx, c2, "alembic_version", 5*time.Second)
			if err == nil {
				err = rel()
			}
			done <- err
		}()
		time.Sleep(50 * time.Millisecond)
		if err := release(); err != nil {
			t.Fatal(err)
		}
		if err := <-done; err != nil {
			t.Errorf("Lock after release: %v", err)
		}
	})
}
