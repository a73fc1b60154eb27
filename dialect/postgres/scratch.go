package postgres

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/google/uuid"
	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/schema"
)

// Scratch implements dialect.Scratcher. Without DevDatabase the scripts run in a fresh schema of
// the live database, inside a transaction that is always rolled back, with search_path set
// to that schema alone so unqualified names land there. Statements that reach another
// schema by a qualified name are refused, since they would touch (if only until rollback)
// live objects.
func (d Dialect) Scratch(ctx context.Context, db dialect.TxBeginner, scripts []dialect.Script, opts dialect.ScratchOptions) (*schema.Schema, error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("scratch database: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // rolled back by design; nothing to report

	if opts.DevDatabase {
		if err := dialect.RunScripts(ctx, tx, d.SQLOptions(), scripts); err != nil {
			return nil, err
		}
		return d.Inspect(ctx, tx, opts.InspectOptions)
	}
	var current string
	if err := dialect.QueryScalar(ctx, tx, "SELECT COALESCE(current_schema(), 'public')", nil, &current); err != nil {
		return nil, fmt.Errorf("scratch database: %w", err)
	}
	// The throwaway schema stands for the current schema only; other schemas' tables
	// would look dropped.
	for _, sc := range opts.Schemas {
		if sc != current {
			return nil, fmt.Errorf("comparing schema %s besides the current schema %s needs a dev database: set dev_url", sc, current)
		}
	}
	buf := make([]byte, 6)
	if _, err := rand.Read(buf); err != nil {
		return nil, err
	}
	scratch := "retort_scratch_" + hex.EncodeToString(buf)
	setup := fmt.Sprintf("CREATE SCHEMA %s; SET LOCAL search_path TO %s", scratch, scratch)
	if _, err := tx.ExecContext(ctx, setup); err != nil {
		return nil, fmt.Errorf("scratch schema (needs CREATE on the database, or set dev_url): %w", err)
	}
	if err := dialect.RunScripts(ctx, tx, d.SQLOptions(), scripts); err != nil {
		if strings.Contains(err.Error(), "SQLSTATE 53200") {
			return nil, fmt.Errorf("%w (the desired schema is built in one transaction: raise max_locks_per_transaction, or set dev_url)", err)
		}
		return nil, err
	}
	if err := pgCheckEscapes(ctx, tx, scratch); err != nil {
		return nil, err
	}
	inner := opts.InspectOptions
	inner.Schemas = nil // the scratch schema
	return pgInspect(ctx, tx, inner, scratch, current)
}

// pgCheckEscapes finds catalog rows written by this transaction outside the scratch schema:
// tables, types and functions created or altered through a schema-qualified name.
func pgCheckEscapes(ctx context.Context, q dialect.Querier, scratch string) error {
	const query = `SELECT n.nspname || '.' || x.name FROM (
  SELECT relnamespace AS nsp, relname::text AS name, xmin FROM pg_class
  UNION ALL SELECT typnamespace, typname::text, xmin FROM pg_type
  UNION ALL SELECT pronamespace, proname::text, xmin FROM pg_proc) x
JOIN pg_namespace n ON n.oid = x.nsp
WHERE x.xmin::text = (txid_current() % 4294967296)::text
  AND n.nspname <> $1 AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'
ORDER BY 1 LIMIT 1`
	var name string
	err := dialect.QueryEach(ctx, q, query, []any{scratch}, func(scan func(...any) error) error { return scan(&name) })
	if err != nil {
		return fmt.Errorf("scratch schema: %w", err)
	}
	if name != "" {
		return fmt.Errorf("desired schema touches %s outside the scratch schema: use unqualified names, or set dev_url to a dedicated database", name)
	}
	return nil
}

// ScratchNeedsServer implements dialect.Scratcher: the scratch is a schema on a server.
func (Dialect) ScratchNeedsServer() bool { return true }

// ScratchIdentity implements dialect.Scratcher: the server version, the current schema and the
// search path decide how DDL is normalised.
func (Dialect) ScratchIdentity(ctx context.Context, q dialect.Querier) (identity, current string, err error) {
	var version, path string
	err = dialect.QueryScalar(ctx, q, "SELECT version(), COALESCE(current_schema(), ''), current_setting('search_path')", nil, &version, &current, &path)
	return version + "\x00" + path, current, err
}

// ScratchDatabase implements dialect.ScratchDatabaser: CREATE DATABASE on the server
// serverURL names, with a name no other run picks; drop ends its sessions and drops it.
func (Dialect) ScratchDatabase(ctx context.Context, serverURL string) (string, func(context.Context) error, error) {
	return dialect.NewScratchDatabase(ctx, serverURL, func(ctx context.Context, admin *sql.DB) (string, error) {
		name := "retort_scratch_" + strings.ReplaceAll(uuid.NewString(), "-", "")[:16]
		if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
			return "", fmt.Errorf("dialect/postgresql: create scratch database: %w", err)
		}
		// commits need not wait for the WAL flush in a database that is thrown away (a
		// replay commits a few times per revision)
		if _, err := admin.ExecContext(ctx, "ALTER DATABASE "+name+" SET synchronous_commit = off"); err != nil {
			return "", fmt.Errorf("dialect/postgresql: create scratch database: %w", err)
		}
		return name, nil
	}, func(name string) []string {
		return []string{
			// pg_terminate_backend, not DROP ... WITH (FORCE), which needs PostgreSQL 13
			"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "' AND pid <> pg_backend_pid()",
			"DROP DATABASE IF EXISTS " + name,
		}
	})
}
