package dialect

import (
	"context"
	"database/sql"
	"fmt"
)

// NewScratchDatabase is what a server dialect's ScratchDatabase does: it connects to the
// server serverURL names (a failure is one redacted line, as OpenWith words it), runs
// create there, which makes an empty database and returns its name, and returns that
// database's URL and a drop that connects again and runs dropStmts(name) in order.
func NewScratchDatabase(ctx context.Context, serverURL string, create func(context.Context, *sql.DB) (string, error),
	dropStmts func(name string) []string) (string, func(context.Context) error, error) {
	u, err := ParseURL(serverURL)
	if err != nil {
		return "", nil, err
	}
	admin, _, err := OpenWith(ctx, serverURL, OpenOptions{})
	if err != nil {
		return "", nil, err
	}
	defer admin.Close()
	name, err := create(ctx, admin)
	if err != nil {
		return "", nil, err
	}
	drop := func(ctx context.Context) error {
		admin, _, err := OpenWith(ctx, serverURL, OpenOptions{})
		if err != nil {
			return fmt.Errorf("drop scratch database %s: %w", name, err)
		}
		defer admin.Close()
		for _, s := range dropStmts(name) {
			if _, err := admin.ExecContext(ctx, s); err != nil {
				return fmt.Errorf("drop scratch database %s: %w", name, err)
			}
		}
		return nil
	}
	scratch := u
	scratch.Database = name
	return scratch.String(), drop, nil
}
