// Package autogen plans a revision from a desired schema: the desired DDL is run in a
// scratch database and reflected with the same code as the live database, the two schemas
// are diffed (a pure function, Diff), and the operations are rendered by the dialect as
// upgrade and downgrade SQL. The live database is only read.
package autogen

import (
	"context"
	"fmt"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/schema"
)

// DB is a database handle that can be queried and can start transactions: *sql.DB or
// *sql.Conn.
type DB interface {
	dialect.Querier
	dialect.TxBeginner
}

// Options tune planning.
type Options struct {
	// Inspect chooses schemas (include_schemas), excluded table patterns and the version
	// table, for both sides.
	Inspect dialect.InspectOptions
	// DevDB, when set (dev_url), is where scratch schemas are built; scripts then run as
	// written. Otherwise SQLite uses an in-memory database and PostgreSQL a throwaway
	// schema of the database being compared, inside a transaction always rolled back.
	DevDB DB
	// CacheDir, when set, is where the desired schema's tables are cached as built, so a
	// later plan runs only the DDL of the tables that changed (see cache.go). Only
	// dialects whose scratch needs a server use it.
	CacheDir string
}

// Result is a planned revision.
type Result struct {
	Upgrade, Downgrade string      // SQL for the revision's sections ("" when Empty)
	Ops                []schema.Op // the upgrade operations, in order
	Lines              []string    // the operations, one line per change, for `check`
	Warnings           []string    // destructive steps of the upgrade, one line each
	// Unsupported names each view, sequence, function or trigger that differs between the
	// two sides: autogenerate does not write SQL for them.
	Unsupported []string
	Empty       bool // no operations
	// Transactional is false when the upgrade must run outside a transaction (header
	// "-- transactional: false"); TransactionalNote says why, for a comment.
	Transactional     bool
	TransactionalNote string
	// Current is the schema the upgrade starts from (lint checks the upgrade against it).
	Current *schema.Schema
}

// Plan compares the live database with the desired schema, given as DDL scripts (the
// target_metadata files, or target_metadata_cmd's output).
func Plan(ctx context.Context, d dialect.Autogenerator, live DB, desired []dialect.Script, opts Options) (*Result, error) {
	current, err := d.Inspect(ctx, live, opts.Inspect)
	if err != nil {
		return nil, fmt.Errorf("autogenerate: database: %w", err)
	}
	want, _, err := cachedScratch(ctx, d, live, desired, opts)
	if err != nil {
		return nil, fmt.Errorf("autogenerate: desired schema: %w", err)
	}
	return Compare(d, current, want), nil
}

// PlanFromScripts is Plan without a live database: the current state is built by
// replaying the existing revisions' upgrade SQL, in order, into a scratch database.
// host is only used as the scratch host on PostgreSQL (ignored by SQLite); pass the dev
// database there, or set opts.DevDB.
func PlanFromScripts(ctx context.Context, d dialect.Autogenerator, host DB, revisions, desired []dialect.Script, opts Options) (*Result, error) {
	current, err := scratch(ctx, d, host, revisions, opts)
	if err != nil {
		return nil, fmt.Errorf("autogenerate: replaying revisions: %w", err)
	}
	want, _, err := cachedScratch(ctx, d, host, desired, opts)
	if err != nil {
		return nil, fmt.Errorf("autogenerate: desired schema: %w", err)
	}
	return Compare(d, current, want), nil
}

func scratch(ctx context.Context, d dialect.Inspector, host DB, scripts []dialect.Script, opts Options) (*schema.Schema, error) {
	so := dialect.ScratchOptions{InspectOptions: opts.Inspect}
	var db dialect.TxBeginner = host
	if opts.DevDB != nil {
		db, so.DevDatabase = opts.DevDB, true
	}
	return d.Scratch(ctx, db, scripts, so)
}

// Compare plans the revision from schema current to schema desired. It is pure.
func Compare(d dialect.Renderer, current, desired *schema.Schema) *Result {
	ops := Diff(current, desired, d.AltersConstraints())
	r := &Result{
		Ops:           ops,
		Unsupported:   Unsupported(current, desired),
		Empty:         len(ops) == 0,
		Transactional: true,
		Current:       current,
	}
	if r.Empty {
		return r
	}
	r.Upgrade = d.Render(ops)
	r.Downgrade = d.Render(schema.InvertAll(ops))
	for _, o := range ops {
		r.Lines = append(r.Lines, o.Lines()...)
		r.Warnings = append(r.Warnings, o.Warnings()...)
		// Either direction may add enum values (the downgrade adds back removed ones).
		if o.Kind == schema.AlterEnum {
			r.Transactional = false
			r.TransactionalNote = fmt.Sprintf("enum %s changes values: a value added by ALTER TYPE ... ADD VALUE cannot be used in the transaction that added it (and before PostgreSQL 12 ADD VALUE cannot run in one at all), so this revision runs outside a transaction", o.Enum.QualifiedName())
		}
	}
	return r
}
