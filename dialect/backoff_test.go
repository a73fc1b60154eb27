package dialect

import (
	"testing"
	"time"
)

// TestBackoff: waits start at a few milliseconds, stay within [Base, Max], grow, and
// differ between waiters (jitter), so that waiters started together do not poll in step.
func TestBackoff(t *testing.T) {
	const waiters, steps = 8, 30
	seqs := make([][]time.Duration, waiters)
	for w := range seqs {
		var b Backoff
		for range steps {
			d := b.Next()
			if d < DefaultBackoffBase || d > DefaultBackoffMax {
				t.Fatalf("wait %v outside [%v, %v]", d, DefaultBackoffBase, DefaultBackoffMax)
			}
			seqs[w] = append(seqs[w], d)
		}
	}
	if first := seqs[0][0]; first > 3*DefaultBackoffBase {
		t.Errorf("first wait %v, want a few milliseconds", first)
	}
	var late time.Duration
	for _, s := range seqs {
		late += s[steps-1]
	}
	if avg := late / waiters; avg < DefaultBackoffMax/4 {
		t.Errorf("waits did not grow: average last wait %v", avg)
	}
	// the sums of the first 5 waits (when each waiter polls) must not all coincide
	sums := map[time.Duration]bool{}
	for _, s := range seqs {
		var sum time.Duration
		for _, d := range s[:5] {
			sum += d
		}
		sums[sum] = true
	}
	if len(sums) < waiters/2 {
		t.Errorf("waiters poll in step: only %d distinct schedules of %d", len(sums), waiters)
	}
}
