package verify

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"github.com/retort-dev/retort/dialect"
)

// Temporary until the dialect restructuring lands dialect.ScratchDatabaser; then this
// file goes and scratchDatabase asks the dialect.

var scratchCounter atomic.Int64

func scratchDatabase(ctx context.Context, d dialect.Dialect, serverURL string) (string, func(context.Context) error, error) {
	switch d.Name() {
	case "sqlite":
		dir, err := os.MkdirTemp("", "retort-verify-")
		if err != nil {
			return "", nil, err
		}
		return "sqlite:///" + filepath.Join(dir, "scratch.db"), func(context.Context) error { return os.RemoveAll(dir) }, nil
	case "postgresql":
		db, _, err := dialect.Open(ctx, serverURL)
		if err != nil {
			return "", nil, err
		}
		name := fmt.Sprintf("retort_verify_%d_%d_%d", os.Getpid(), time.Now().UnixNano()%1e9, scratchCounter.Add(1))
		if _, err := db.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
			db.Close()
			return "", nil, err
		}
		if _, err := db.ExecContext(ctx, "ALTER DATABASE "+name+" SET synchronous_commit = off"); err != nil {
			db.Close()
			return "", nil, err
		}
		u, err := url.Parse(serverURL)
		if err != nil {
			db.Close()
			return "", nil, err
		}
		u.Path = "/" + name
		drop := func(ctx context.Context) error {
			defer db.Close()
			_, err := db.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
			return err
		}
		return strings.Replace(u.String(), "postgres://", "postgresql://", 1), drop, nil
	}
	return "", nil, fmt.Errorf("%s has no scratch databases", d.Name())
}

// tuneScratch gives up durability in the throwaway database: a commit per step would
// otherwise wait for the disk.
func tuneScratch(ctx context.Context, d dialect.Dialect, db *sql.DB) error {
	if d.Name() != "sqlite" {
		return nil
	}
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxLifetime(0)
	db.SetConnMaxIdleTime(0)
	_, err := db.ExecContext(ctx, "PRAGMA synchronous = OFF")
	return err
}
