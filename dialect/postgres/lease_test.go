package postgres

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/internal/testdb"
)

// TestLeaseLock: a held lease makes another taker time out; released, it can be taken;
// an expired lease (its holder died) is taken over, and its holder's release reports
// the loss.
func TestLeaseLock(t *testing.T) {
	ctx := context.Background()
	db, _, err := dialect.Open(ctx, "postgresql"+testdb.Postgres(t)[len("postgres"):])
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var d Dialect
	release, err := d.LeaseLock(ctx, db, "v_lock", "v", time.Second)
	if err != nil {
		t.Fatal(err)
	}
	var lte *dialect.LockTimeoutError
	if _, err := d.LeaseLock(ctx, db, "v_lock", "v", 200*time.Millisecond); !errors.As(err, &lte) {
		t.Fatalf("second taker: %v, want a lock timeout", err)
	}
	other, err := d.LeaseLock(ctx, db, "v_lock", "other", 200*time.Millisecond)
	if err != nil {
		t.Fatalf("another key waits for this one: %v", err)
	}
	if err := other(); err != nil {
		t.Fatal(err)
	}
	if err := release(); err != nil {
		t.Fatal(err)
	}
	second, err := d.LeaseLock(ctx, db, "v_lock", "v", time.Second)
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	// The holder dies: its lease expires, and the next run takes it over.
	if _, err := db.Exec("UPDATE v_lock SET expires_at = clock_timestamp() - interval '1 second'"); err != nil {
		t.Fatal(err)
	}
	third, err := d.LeaseLock(ctx, db, "v_lock", "v", time.Second)
	if err != nil {
		t.Fatalf("an expired lease is not taken over: %v", err)
	}
	if err := third(); err != nil {
		t.Fatal(err)
	}
	if err := second(); err == nil || err.Error() != "the lease v expired and was taken by another run while this one held it" {
		t.Fatalf("release of a lease taken over: %v, want the loss reported", err)
	}
}
