package command

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/runner"
)

// migrateCommand is `upgrade` and `downgrade` (verb): apply, print the SQL (--sql), or
// print the plan (--dry-run, --json).
func migrateCommand(ctx context.Context, verb string, o UpgradeOptions, stdout, stderr io.Writer) error {
	up := verb == "upgrade"
	if o.JSON && !o.SQL && !o.DryRun {
		return fmt.Errorf("%s --json prints the plan: add --sql (offline) or --dry-run (from the database)", verb)
	}
	if o.DryRun && o.SQL {
		return fmt.Errorf("%s: use one of --sql and --dry-run", verb)
	}
	m, done, err := cliMigrator(ctx, o.Global, o.SQL, o.LockTimeout, stdout, stderr, func() error {
		if up {
			_, _, err := upgradeArgs(o.Revision, o.SQL)
			return err
		}
		_, _, err := downgradeArgs(o.Revision, o.SQL)
		return err
	})
	if err != nil {
		return err
	}
	defer done()
	apply := func() error {
		if up {
			return m.Upgrade(ctx, o.Revision)
		}
		return m.Downgrade(ctx, o.Revision)
	}
	if !o.JSON && !o.DryRun {
		return applyRun(m, verb, stderr, apply)
	}
	var script bytes.Buffer
	if o.SQL {
		m.SQL = &script
		if err := apply(); err != nil {
			return err
		}
	}
	rows, migs, err := m.Plan(ctx, up, o.Revision)
	if err != nil {
		return err
	}
	if !o.JSON {
		var b strings.Builder
		for _, st := range stepsJSON(migs) {
			fmt.Fprintf(&b, "Would run %s %s -> %s, %s\n", st.Direction, strings.Join(st.From, ", "), strings.Join(st.To, ", "), st.Message)
		}
		if len(migs) == 0 {
			b.WriteString("Nothing to do.\n")
		}
		_, err := io.WriteString(stdout, b.String())
		return err
	}
	doc := PlanJSON{Command: verb, Target: o.Revision, Mode: "dry-run", Database: dialect.Redact(m.URL),
		From: list(rows), Steps: stepsJSON(migs)}
	if o.SQL {
		doc.Mode, doc.SQL = "sql", script.String()
	}
	return writeJSON(stdout, doc)
}

// Plan returns the steps an upgrade (up) or downgrade to target would run, and the
// version rows they start from, without running them: offline (SQL set) from the range's
// start, else from the database's rows, read without the lock and without creating the
// version table.
func (m *Migrator) Plan(ctx context.Context, up bool, target string) (rows []string, migs []runner.Migration, err error) {
	start, plan, err := m.planner(up, target)
	if err != nil {
		return nil, nil, err
	}
	if m.SQL != nil {
		rows, err = m.Project.Map.OfflineStart(start)
	} else {
		rows, err = m.Rows(ctx)
	}
	if err != nil {
		return nil, nil, err
	}
	steps, err := plan(rows)
	if err != nil {
		return nil, nil, err
	}
	migs, err = m.migrations(rows, steps)
	return rows, migs, err
}
