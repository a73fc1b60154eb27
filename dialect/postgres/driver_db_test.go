package postgres

import (
	"context"
	"testing"
	"time"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/internal/testdb"
)

// TestHasTableSchema: a table outside the search path is found only by its schema.
func TestHasTableSchema(t *testing.T) {
	ctx := context.Background()
	db, d, err := dialect.Open(ctx, "postgresql"+testdb.Postgres(t)[len("postgres"):])
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{"CREATE SCHEMA s1", "CREATE TABLE s1.only_there (x int)"} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	for schema, want := range map[string]bool{"": false, "s1": true, "public": false} {
		got, err := d.HasTable(ctx, db, schema, "only_there")
		if err != nil || got != want {
			t.Errorf("HasTable(%q, only_there) = %v, %v; want %v", schema, got, err, want)
		}
	}
}

// TestLockKeys: projects with different version tables do not wait for each other.
func TestLockKeys(t *testing.T) {
	ctx := context.Background()
	db, d, err := dialect.Open(ctx, "postgresql"+testdb.Postgres(t)[len("postgres"):])
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c1, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer c1.Close()
	c2, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close()
	release, err := d.Lock(ctx, c1, "alembic_version", time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	other, err := d.Lock(ctx, c2, "other_version", time.Second)
	if err != nil {
		t.Fatalf("a different version table's lock: %v", err)
	}
	if err := other(); err != nil {
		t.Fatal(err)
	}
}
