package postgres

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/retort-dev/retort/dialect"
)

var _ dialect.LeaseLocker = Dialect{}

// leaseTTL is how long a lease lasts without a heartbeat: a run that dies (SIGKILL, a
// lost network) holds the lock at most this long. The heartbeat renews it every third.
const leaseTTL = 30 * time.Second

// LeaseLock implements dialect.LeaseLocker with a row (key, owner, expires_at): taken by
// an INSERT that only overwrites an expired row, renewed while held, deleted on release.
// Every statement runs on its own (autocommit), so it holds through a transaction
// pooler.
func (Dialect) LeaseLock(ctx context.Context, db *sql.DB, table, key string, timeout time.Duration) (func() error, error) {
	fail := func(err error) (func() error, error) {
		return nil, fmt.Errorf("dialect/postgresql: lease lock %s in %s: %w", key, table, err)
	}
	if err := createLeaseTable(ctx, db, table); err != nil {
		return fail(err)
	}
	owner, err := leaseOwner()
	if err != nil {
		return fail(err)
	}
	ttl := leaseTTL.Milliseconds()
	take := "INSERT INTO " + table + " (lock_key, owner, expires_at) VALUES ($1, $2, clock_timestamp() + $3 * interval '1 millisecond') " +
		"ON CONFLICT (lock_key) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at " +
		"WHERE " + table + ".expires_at < clock_timestamp()"
	err = dialect.Poll(ctx, timeout, func() (bool, error) {
		res, err := db.ExecContext(ctx, take, key, owner, ttl)
		if err != nil {
			return false, err
		}
		n, err := res.RowsAffected()
		return n == 1, err
	})
	if err != nil {
		return fail(err)
	}
	h := &heartbeat{stop: make(chan struct{}), done: make(chan struct{})}
	go h.run(db, "UPDATE "+table+" SET expires_at = clock_timestamp() + $3 * interval '1 millisecond' WHERE lock_key = $1 AND owner = $2", key, owner, ttl)
	return func() error {
		lost := h.end()
		// A fresh context: the run's may be cancelled, and the lease must still go.
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		res, err := db.ExecContext(ctx, "DELETE FROM "+table+" WHERE lock_key = $1 AND owner = $2", key, owner)
		if n, _ := rowsAffected(res, err); n == 0 && err == nil && lost == nil {
			lost = errLeaseLost(key)
		}
		return errors.Join(lost, err)
	}, nil
}

// createLeaseTable creates the lease table unless it exists. Two runs creating it at
// once may collide on the catalog's unique index; the loser finds it made.
func createLeaseTable(ctx context.Context, db *sql.DB, table string) error {
	ddl := "CREATE TABLE IF NOT EXISTS " + table + " (lock_key VARCHAR(255) NOT NULL PRIMARY KEY, " +
		"owner VARCHAR(255) NOT NULL, expires_at TIMESTAMP WITH TIME ZONE NOT NULL)"
	var err error
	for range 3 {
		if _, err = db.ExecContext(ctx, ddl); err == nil {
			return nil
		}
	}
	return err
}

// leaseOwner names this run: host and pid for whoever looks at the table, and random
// bits so that two runs never share a name.
func leaseOwner() (string, error) {
	host, _ := os.Hostname()
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return fmt.Sprintf("%s:%d:%s", host, os.Getpid(), hex.EncodeToString(b)), nil
}

// heartbeat renews a lease until ended, and remembers if the lease was lost.
type heartbeat struct {
	stop, done chan struct{}
	once       sync.Once
	lost       error
}

func (h *heartbeat) run(db *sql.DB, renew, key, owner string, ttl int64) {
	defer close(h.done)
	tick := time.NewTicker(leaseTTL / 3)
	defer tick.Stop()
	for {
		select {
		case <-h.stop:
			return
		case <-tick.C:
		}
		ctx, cancel := context.WithTimeout(context.Background(), leaseTTL/3)
		res, err := db.ExecContext(ctx, renew, key, owner, ttl)
		cancel()
		if err != nil {
			continue // a failed renewal is retried; the lease lasts the TTL meanwhile
		}
		if n, _ := res.RowsAffected(); n == 0 {
			h.lost = errLeaseLost(key)
			return
		}
	}
}

func errLeaseLost(key string) error {
	return fmt.Errorf("the lease %s expired and was taken by another run while this one held it", key)
}

func rowsAffected(res sql.Result, err error) (int64, error) {
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// end stops the heartbeat and returns the loss it saw, if any.
func (h *heartbeat) end() error {
	h.once.Do(func() { close(h.stop) })
	<-h.done
	return h.lost
}
