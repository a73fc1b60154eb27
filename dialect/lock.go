package dialect

import (
	"context"
	"time"
)

// Poll calls try until it reports success, sleeping with jittered exponential backoff
// (Backoff) between attempts, and gives up with a *LockTimeoutError after timeout (<= 0:
// only ctx ends it).
func Poll(ctx context.Context, timeout time.Duration, try func() (bool, error)) error {
	var deadline time.Time
	if timeout > 0 {
		deadline = time.Now().Add(timeout)
	}
	var b Backoff
	for {
		ok, err := try()
		if err != nil || ok {
			return err
		}
		if !deadline.IsZero() && !time.Now().Before(deadline) {
			return &LockTimeoutError{Timeout: timeout}
		}
		d := b.Next()
		if !deadline.IsZero() {
			d = min(d, time.Until(deadline))
		}
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
}

// LockTimeoutError means another run held the migration lock for longer than the timeout.
type LockTimeoutError struct{ Timeout time.Duration }

func (e *LockTimeoutError) Error() string {
	return "timed out after " + e.Timeout.String() + " waiting for the migration lock (another migration is running)"
}
