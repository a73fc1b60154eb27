package dialect

import (
	"math/rand/v2"
	"time"
)

// Backoff yields the waits between attempts to take a lock: exponential with
// "decorrelated jitter", each wait drawn uniformly between Base and three times the
// previous one, capped at Max. Waiters that started together (a deploy on every host at
// once) spread out instead of polling in lockstep, and the cap keeps the next waiter
// close behind the holder. The zero value uses the defaults below.
type Backoff struct {
	Base, Max time.Duration
	prev      time.Duration
}

// Lock polling defaults: a few milliseconds first, at most a tenth of a second (a cheap
// query or flock per waiter per tick).
const (
	DefaultBackoffBase = 4 * time.Millisecond
	DefaultBackoffMax  = 100 * time.Millisecond
)

// Next returns the next wait.
func (b *Backoff) Next() time.Duration {
	base, limit := b.Base, b.Max
	if base <= 0 {
		base = DefaultBackoffBase
	}
	if limit <= 0 {
		limit = DefaultBackoffMax
	}
	hi := max(b.prev*3, base+1)
	b.prev = min(limit, base+rand.N(hi-base))
	return b.prev
}
