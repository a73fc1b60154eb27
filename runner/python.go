package runner

import (
	"context"
	"fmt"

	"github.com/retort-dev/retort/versions"
)

// PythonStep is a revision body that runs in the project's Python (package pybridge)
// instead of as statements: the file, the function, and why it needs Python.
type PythonStep struct {
	Path string
	Func string // "upgrade" or "downgrade"
	Why  error  // e.g. a *revision.NeedsPython, named when no Python can be started
}

// Bridge runs Python steps: Step runs fn of the file and then versionSQL in one
// transaction of its own connection and commits; Offline returns the SQL of fn in
// Alembic's offline mode, formatted as Offline writes statements.
type Bridge interface {
	Step(ctx context.Context, path, fn string, versionSQL []string) error
	Offline(ctx context.Context, path, fn, dialectName string) (string, error)
	Close() error
}

// StartBridge starts a Bridge for the command; it is called once, before the first
// statement of a plan with a Python step.
type StartBridge func(ctx context.Context) (Bridge, error)

// startBridge starts the bridge when a migration of migs needs Python; an error names the
// first such revision and why it needs Python.
func startBridge(ctx context.Context, start StartBridge, migs []Migration) (Bridge, error) {
	for _, m := range migs {
		if m.Python == nil {
			continue
		}
		if start == nil {
			return nil, fmt.Errorf("%v; this database was given without a URL, which the project's Python needs", m.Python.Why)
		}
		b, err := start(ctx)
		if err != nil {
			return nil, fmt.Errorf("%v; %w", m.Python.Why, err)
		}
		return b, nil
	}
	return nil, nil
}

// python runs a Python step online after committing what the command has done so far
// (the helper's connection must see it, and its transaction holds the step alone).
func (r *run) python(m Migration) error {
	if r.tx != nil {
		if err := r.commit(); err != nil {
			return err
		}
		r.lg.info("Committed the steps before " + m.Step.Revision + ", which runs in Python: " + m.Python.Path)
	}
	sqls := make([]string, len(m.Ops))
	for i, op := range m.Ops {
		sqls[i] = versions.OpSQL(r.rt, r.opts.Table, op)
	}
	return r.bridge.Step(r.ctx, m.Python.Path, m.Python.Func, sqls)
}
