package command

import (
	"context"
	"errors"
	"runtime"
	"slices"
	"sync/atomic"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/pyop"
	"github.com/retort-dev/retort/revision"
	"github.com/retort-dev/retort/sqlscript"
)

// body is one section of a revision file, read and parsed: the statements of a .sql file,
// or the op calls of an Alembic .py file, which become SQL only on the database they run
// on (their rendering depends on it, and SQLite batch blocks reflect the live table).
type body struct {
	stmts []sqlscript.Statement
	calls []revision.Call
	// python says why the body runs in the project's Python (see package pybridge)
	// rather than natively; nil for native bodies.
	python *revision.NeedsPython
	// autocommit: the body is one `with op.get_context().autocommit_block():`, so it
	// runs outside a transaction, as a "-- transactional: false" revision does.
	autocommit bool
}

// loadBody reads the upgrade (up) or downgrade section of f, and decides whether it
// runs natively on d (nil: on any database; rendering errors come later).
func loadBody(f *revision.File, up bool, d dialect.Dialect) (body, error) {
	if f.Format != revision.Python {
		stmts, err := f.Body(up, d.SQLOptions())
		return body{stmts: stmts}, err
	}
	calls, err := f.Calls(up)
	if err == nil {
		err = pyop.Check(calls)
	}
	if err == nil && d != nil {
		err = pyop.CheckFor(d, calls)
	}
	autocommit := 0
	for _, c := range calls {
		if c.Autocommit {
			autocommit++
		}
	}
	if err == nil && autocommit > 0 && autocommit < len(calls) {
		// Alembic commits before the block and begins again after it; retort runs a
		// body in one transaction or none.
		c := calls[slices.IndexFunc(calls, func(c revision.Call) bool { return !c.Autocommit })]
		err = &revision.NeedsPython{Path: f.Path, Line: c.Line, What: c.Value + "(...) beside an autocommit_block()"}
	}
	var np *revision.NeedsPython
	if errors.As(err, &np) {
		return body{python: np}, nil
	}
	return body{calls: calls, autocommit: autocommit > 0}, err
}

// statements returns the body's SQL for d. q is the connection or transaction the body
// runs on, used to reflect tables for SQLite batch rebuilds; nil where there is none
// (offline --sql, scratch replays), where such a rebuild is a clear error.
func (b body) statements(ctx context.Context, d dialect.Dialect, q dialect.Querier) ([]sqlscript.Statement, error) {
	if b.python != nil {
		return nil, b.python
	}
	if b.calls == nil {
		return b.stmts, nil
	}
	var opts pyop.Options
	if q != nil {
		opts.Live = pyop.Reflector(ctx, d, q)
	}
	return pyop.Statements(d, b.calls, opts)
}

// prefetch runs the loaders on a few goroutines, in order, and returns functions that
// wait for each result, so reading files overlaps the database's work.
func prefetch[T any](load []func() (T, error)) []func() (T, error) {
	type result struct {
		v   T
		err error
	}
	results := make([]result, len(load))
	done := make([]chan struct{}, len(load))
	for i := range done {
		done[i] = make(chan struct{})
	}
	var next atomic.Int64
	for range min(runtime.GOMAXPROCS(0), len(load)) {
		go func() {
			for i := int(next.Add(1) - 1); i < len(load); i = int(next.Add(1) - 1) {
				results[i].v, results[i].err = load[i]()
				close(done[i])
			}
		}()
	}
	out := make([]func() (T, error), len(load))
	for i := range out {
		out[i] = func() (T, error) {
			<-done[i]
			return results[i].v, results[i].err
		}
	}
	return out
}
