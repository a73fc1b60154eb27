package dialect

import (
	"context"
	"database/sql"
	"time"
)

// WaitBounder is a dialect whose sessions can bound their waits on locks that other
// sessions hold in the database (not the migration lock: a table another session
// locked, a database file another process holds), so that --lock-timeout bounds every
// wait of a run.
type WaitBounder interface {
	// BoundWaits makes conn give up waiting for such a lock after timeout.
	BoundWaits(ctx context.Context, conn *sql.Conn, timeout time.Duration) error
	// ExplainWait says, when err is such a wait giving up, what was locked and by whom
	// as far as the database can tell (redacted: no query literals); ok is false for
	// any other error.
	ExplainWait(ctx context.Context, db *sql.DB, err error) (explanation string, ok bool)
}
