package command

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/retort-dev/retort/autogen"
	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/graph"
	"github.com/retort-dev/retort/lint"
	"github.com/retort-dev/retort/revision"
	"github.com/retort-dev/retort/runner"
)

// LintOptions are the options of `lint`.
type LintOptions struct {
	Global
	// Revisions are identifiers of the revisions to lint (each may name several:
	// heads, label@head...); empty means the revisions not yet applied to the database.
	Revisions []string
	All       bool // every revision (no database needed)
	JSON      bool
	Rules     bool // list the dialect's rules instead
}

// LintFailedError is lint finding error-level problems that no waiver covers.
type LintFailedError struct{ Errors int }

func (e *LintFailedError) Error() string {
	return fmt.Sprintf("lint: %d error-level finding(s); fix them or waive each with '-- lint: ignore RULE reason' in the revision header", e.Errors)
}

// LintReport is what `lint --json` prints.
type LintReport struct {
	Dialect   string         `json:"dialect"`
	Revisions []string       `json:"revisions"` // the revisions linted, in upgrade order
	Findings  []lint.Finding `json:"findings"`
	Errors    int            `json:"errors"`
	Warnings  int            `json:"warnings"`
	Waived    int            `json:"waived"`
}

// Lint reports the statements of revisions that take long locks or lose data, and fails
// with a *LintFailedError when any error-level finding is not waived.
func Lint(ctx context.Context, o LintOptions, stdout, stderr io.Writer) error {
	p, err := Load(o.Global)
	if err != nil {
		return err
	}
	url, err := p.Config.URL()
	if err != nil {
		return err
	}
	d, err := dialect.ForURL(url)
	if err != nil {
		return err
	}
	rs, err := lint.For(d)
	if err != nil {
		return err
	}
	if o.Rules {
		for _, r := range rs.Rules {
			fmt.Fprintf(stdout, "%-30s %-8s %s\n", r.ID, r.Severity, r.Summary)
		}
		return nil
	}
	want, err := p.lintTargets(ctx, o)
	if err != nil {
		return err
	}
	rep, err := p.LintRevisions(ctx, d, want)
	if err != nil {
		return err
	}
	if !o.All && len(o.Revisions) == 0 && rs.SizedRules() {
		// the database is there: say how large the tables are that size-dependent
		// findings are about
		if err := sizeFindings(ctx, url, rs, rep); err != nil {
			return err
		}
	}
	if o.JSON {
		if err := writeJSON(stdout, rep); err != nil {
			return err
		}
	} else {
		var b strings.Builder
		for _, f := range rep.Findings {
			f.File = displayPath(f.File)
			b.WriteString(f.String() + "\n")
			if f.Remedy != "" && !f.Waived {
				b.WriteString("    fix: " + f.Remedy + "\n")
			}
		}
		if _, err := io.WriteString(stdout, b.String()); err != nil {
			return err
		}
		runner.LogLine(stderr, "INFO", "retort.lint", fmt.Sprintf("%d revision(s), %d error(s), %d warning(s), %d waived",
			len(rep.Revisions), rep.Errors, rep.Warnings, rep.Waived))
	}
	if rep.Errors > 0 {
		return &LintFailedError{Errors: rep.Errors}
	}
	return nil
}

// lintTargets returns the set of revisions to report: those named, all, or those the
// database has not applied yet.
func (p *Project) lintTargets(ctx context.Context, o LintOptions) (map[string]bool, error) {
	want := map[string]bool{}
	switch {
	case o.All && len(o.Revisions) > 0:
		return nil, fmt.Errorf("lint: give revisions or --all, not both")
	case o.All:
		for _, f := range p.Files {
			want[f.ID] = true
		}
	case len(o.Revisions) > 0:
		for _, r := range o.Revisions {
			ids, err := p.Map.ResolveMany(r)
			if err != nil {
				return nil, graph.ToCommandError(err)
			}
			for _, id := range ids {
				want[id] = true
			}
		}
	default:
		m, err := p.Migrator()
		if err != nil {
			return nil, err
		}
		rows, err := m.Rows(ctx)
		if err != nil {
			return nil, err
		}
		steps, err := p.Map.Upgrade(rows, "heads")
		if err != nil {
			return nil, err
		}
		for _, s := range steps {
			want[s.Revision] = true
		}
	}
	return want, nil
}

// LintRevisions lints the revisions in want. Every revision up to the last of them is
// read, in upgrade order, so lint knows which tables existed before each.
func (p *Project) LintRevisions(ctx context.Context, d dialect.Dialect, want map[string]bool) (*LintReport, error) {
	rs, err := lint.For(d)
	if err != nil {
		return nil, err
	}
	rep := &LintReport{Dialect: d.Name(), Revisions: []string{}, Findings: []lint.Finding{}}
	steps, err := p.Map.Upgrade(nil, "heads")
	if err != nil {
		return nil, err
	}
	last := -1
	for i, s := range steps {
		if want[s.Revision] {
			last = i
		}
	}
	steps = steps[:last+1]
	loads := make([]func() (lint.Revision, error), len(steps))
	for i, s := range steps {
		f, report := p.File(s.Revision), want[s.Revision]
		loads[i] = func() (lint.Revision, error) { return lintRevision(ctx, d, f, report) }
	}
	revs := make([]lint.Revision, len(steps))
	for i, wait := range prefetch(loads) {
		if revs[i], err = wait(); err != nil {
			return nil, err
		}
		if revs[i].Report {
			rep.Revisions = append(rep.Revisions, revs[i].ID)
		}
	}
	rep.Findings = append(rep.Findings, rs.Check(revs, nil)...)
	rep.Errors, rep.Warnings, rep.Waived = lint.Counts(rep.Findings)
	return rep, nil
}

// lintRevision reads a revision's upgrade statements (a .py body rendered for d) and,
// when it is to be reported, its waivers. A .py body that cannot be rendered without
// the database is linted as unread rather than failing the run.
func lintRevision(ctx context.Context, d dialect.Dialect, f *revision.File, report bool) (lint.Revision, error) {
	r := lint.Revision{ID: f.ID, Path: f.Path, Transactional: f.Transactional, Report: report}
	b, err := loadBody(f, true, d)
	if err != nil {
		return r, err
	}
	r.Statements, err = b.statements(ctx, d, nil)
	if err != nil {
		if f.Format != revision.Python {
			return r, err
		}
		// the finding names the file already: keep the line and the reason
		r.Unread = errors.New(strings.Replace(err.Error(), f.Path+":", "line ", 1))
	}
	if report {
		data, err := f.Source()
		if err != nil {
			return r, err
		}
		r.Waivers = lint.ParseWaivers(data, f.Format == revision.Python)
	}
	return r, nil
}

// displayPath shows path relative to the working directory, as compilers do, unless
// that climbs more than two directories.
func displayPath(path string) string {
	wd, err := os.Getwd()
	if err != nil {
		return path
	}
	if rel, err := filepath.Rel(wd, path); err == nil && !strings.HasPrefix(rel, "../../..") {
		return rel
	}
	return path
}

// lintAutogenerated runs lint's rules on an autogenerated upgrade, against the schema it
// starts from, and returns the upgrade with each finding as a comment above its
// statement; each finding is logged as a warning too.
func lintAutogenerated(p *Project, res *autogen.Result, log io.Writer) (string, error) {
	if res.Empty {
		return res.Upgrade, nil
	}
	url, err := p.Config.URL()
	if err != nil {
		return "", err
	}
	d, err := dialect.ForURL(url)
	if err != nil {
		return "", err
	}
	rs, err := lint.For(d)
	if err != nil {
		return res.Upgrade, nil // a database without rules: nothing to say
	}
	stmts, err := rs.Lex.Split(res.Upgrade, 1)
	if err != nil {
		return "", err
	}
	found := rs.Check([]lint.Revision{{Transactional: res.Transactional, Statements: stmts, Report: true}}, res.Current)
	if len(found) == 0 {
		return res.Upgrade, nil
	}
	notes := map[int][]string{}
	for _, f := range found {
		runner.LogLine(log, "WARNING", "retort.lint", fmt.Sprintf("%s %s (%s)", f.Rule, f.Message, f.Severity))
		notes[f.Line] = append(notes[f.Line], fmt.Sprintf("-- LINT %s (%s): %s", f.Rule, f.Severity, f.Message),
			"--   fix: "+f.Remedy)
	}
	var b strings.Builder
	for i, line := range strings.SplitAfter(res.Upgrade, "\n") {
		for _, n := range notes[i+1] {
			b.WriteString(n + "\n")
		}
		b.WriteString(line)
	}
	return b.String(), nil
}

// sizeFindings completes size-dependent findings with their tables' row counts in the
// database at url (a table it does not have yet is left alone).
func sizeFindings(ctx context.Context, url string, rs *lint.RuleSet, rep *LintReport) error {
	db, d, err := dialect.Open(ctx, url)
	if err != nil {
		return err
	}
	defer db.Close()
	rep.Findings = rs.Sized(rep.Findings, func(table string) (int64, bool) {
		var n int64
		err := db.QueryRowContext(ctx, "SELECT count(*) FROM "+d.QuoteIdent(table)).Scan(&n)
		return n, err == nil
	})
	rep.Errors, rep.Warnings, rep.Waived = lint.Counts(rep.Findings)
	return nil
}
