package runner

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/versions"
)

// Offline writes the plan as SQL (--sql) without connecting: rows are the version rows
// the script starts from (the part before ':' of a range; none for base). The dialect
// is opts.Dialect, else the one opts.URL names.
//
// At base (rows empty after the last step) Alembic 1.8.1 also emits DROP TABLE
// alembic_version; retort follows Alembic >= 1.19 (#1822) and does not: online runs
// never drop the table, and a script that drops it makes the next online run recreate
// it, so the offline script would not do what the online command does.
func Offline(ctx context.Context, w io.Writer, opts Options, rows []string, migs []Migration) error {
	if opts.Purge {
		return errors.New("Can't use --purge with --sql mode") // Alembic's message
	}
	rt := opts.Dialect
	if rt == nil {
		d, err := dialect.ForURL(opts.URL)
		if err != nil {
			return err
		}
		rt = d
	}
	lg := logger{opts.Log}
	lg.contextLines(rt, opts.TransactionPerMigration, true)
	bridge, err := startBridge(ctx, opts.Python, migs)
	if err != nil {
		return err
	}
	if bridge != nil {
		defer bridge.Close()
	}
	o := &offline{w: w, rt: rt}
	policy := rt.TxPolicy(opts.TransactionPerMigration, true)
	whole := policy == dialect.TxPerCommand || policy == dialect.TxSavepointPerRevision
	perMig := policy == dialect.TxCommitPerRevision
	wrap := policy != dialect.TxAutocommit
	if whole {
		o.stmt("BEGIN")
	}
	if opts.CreateTable {
		o.stmt(versions.CreateSQL(rt, opts.Table))
	}
	for _, m := range migs {
		if perMig {
			o.stmt("BEGIN")
		}
		if len(rows) == 0 {
			o.stmt(versions.CreateSQL(rt, opts.Table))
		}
		lg.info("Running " + describe(m, true))
		o.out("-- Running " + describe(m, false))
		if m.Python != nil {
			sql, err := bridge.Offline(ctx, m.Python.Path, m.Python.Func, rt.Name())
			if err != nil {
				return err
			}
			if o.err == nil {
				_, o.err = io.WriteString(w, sql)
			}
		} else if m.Statements != nil {
			stmts, err := m.Statements(ctx, rt, nil)
			if err != nil {
				return withPath(m.Path, err)
			}
			// A non-transactional revision leaves the transaction, as autocommit_block does.
			leave := wrap && !m.Transactional && len(stmts) > 0
			if leave {
				o.stmt("COMMIT")
			}
			for _, s := range stmts {
				o.stmt(s.SQL)
			}
			if leave {
				o.stmt("BEGIN")
			}
		}
		for _, op := range m.Ops {
			o.stmt(versions.OpSQL(rt, opts.Table, op))
			rows = versions.Simulate(rows, op)
		}
		if perMig {
			o.stmt("COMMIT")
		}
	}
	if whole {
		o.stmt("COMMIT")
	}
	return o.err
}

// offline writes Alembic's static output: each piece followed by a blank line,
// statements trimmed, tabs as four spaces, with the dialect's terminator.
type offline struct {
	w   io.Writer
	rt  dialect.Dialect
	err error
}

func (o *offline) out(s string) {
	if o.err == nil {
		_, o.err = fmt.Fprint(o.w, s+"\n\n")
	}
}

func (o *offline) stmt(sql string) {
	o.out(strings.TrimSpace(strings.ReplaceAll(sql, "\t", "    ")) + o.rt.Terminator())
}
