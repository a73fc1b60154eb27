package dialect

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/retort-dev/retort/sqlscript"
)

// Querier runs queries: *sql.DB, *sql.Conn and *sql.Tx all are one.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// TxBeginner starts transactions: *sql.DB and *sql.Conn are one.
type TxBeginner interface {
	BeginTx(ctx context.Context, opts *sql.TxOptions) (*sql.Tx, error)
}

// QueryScalar runs a query returning one row and scans it into dest (Querier has no
// QueryRowContext).
func QueryScalar(ctx context.Context, q Querier, query string, args []any, dest ...any) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return err
		}
		return sql.ErrNoRows
	}
	if err := rows.Scan(dest...); err != nil {
		return err
	}
	return rows.Close()
}

// RunScripts executes every statement of scripts, split under opts, in order; an error
// names the script, line and statement.
func RunScripts(ctx context.Context, q Querier, opts sqlscript.Options, scripts []Script) error {
	for _, sc := range scripts {
		first := sc.FirstLine
		if first == 0 {
			first = 1
		}
		stmts, err := opts.Split(sc.SQL, first)
		if err != nil {
			return fmt.Errorf("%s: %w", sc.Name, err)
		}
		for _, st := range stmts {
			if strings.TrimSpace(st.SQL) == "" {
				continue
			}
			if _, err := q.ExecContext(ctx, st.SQL); err != nil {
				return &ScriptError{Script: sc.Name, Line: st.Line, Statement: st.SQL, Err: err}
			}
		}
	}
	return nil
}

// QueryEach runs query and calls row for each result row with its Scan.
func QueryEach(ctx context.Context, q Querier, query string, args []any, row func(scan func(...any) error) error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := row(rows.Scan); err != nil {
			return err
		}
	}
	return rows.Err()
}
