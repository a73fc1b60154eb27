package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/schema"
)

// Scratch implements dialect.Scratcher: scripts run in a private in-memory database.
func (d Dialect) Scratch(ctx context.Context, _ dialect.TxBeginner, scripts []dialect.Script, opts dialect.ScratchOptions) (*schema.Schema, error) {
	db, err := sql.Open("sqlite3", ":memory:")
	if err != nil {
		return nil, fmt.Errorf("scratch database: %w", err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1) // every connection to :memory: is a database of its own
	if err := dialect.RunScripts(ctx, db, d.SQLOptions(), scripts); err != nil {
		return nil, err
	}
	return d.Inspect(ctx, db, opts.InspectOptions)
}

// ScratchNeedsServer implements dialect.Scratcher: the scratch is an in-memory database.
func (Dialect) ScratchNeedsServer() bool { return false }

// ScratchIdentity implements dialect.Scratcher: the library's SQLite version decides how DDL is
// normalised; names land in "main".
func (Dialect) ScratchIdentity(ctx context.Context, q dialect.Querier) (identity, current string, err error) {
	err = dialect.QueryScalar(ctx, q, "SELECT sqlite_version()", nil, &identity)
	return identity, "main", err
}

// ScratchDatabase implements dialect.ScratchDatabaser: a new file in a temporary
// directory (serverURL only names the dialect); drop removes the directory. Commits do
// not wait for the disk: the database is thrown away.
func (Dialect) ScratchDatabase(_ context.Context, _ string) (string, func(context.Context) error, error) {
	dir, err := os.MkdirTemp("", "retort-scratch-")
	if err != nil {
		return "", nil, fmt.Errorf("dialect/sqlite: scratch database: %w", err)
	}
	drop := func(context.Context) error { return os.RemoveAll(dir) }
	return "sqlite:///" + filepath.Join(dir, "scratch.db") + "?synchronous=off", drop, nil
}
