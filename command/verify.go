package command

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/graph"
	"github.com/retort-dev/retort/runner"
	"github.com/retort-dev/retort/verify"
)

// VerifyOptions are the options of `verify`.
type VerifyOptions struct {
	Global
	// Range is "START:END" (either side may be empty): revisions up to START are only
	// replayed, those after it up to END are verified. "" is base to heads.
	Range       string
	NoDowngrade bool
	Drift       bool // compare the live database with the replay at its revisions
	JSON        bool
}

// VerifyFailedError is a verification that found problems (one line each, printed).
type VerifyFailedError struct{ Problems int }

func (e *VerifyFailedError) Error() string {
	return fmt.Sprintf("verify: %d problem(s)", e.Problems)
}

// Verify replays the history in a scratch database and checks every downgrade, the
// heads against the desired schema (when one is configured) and, with Drift, the live
// database against the replay. It prints one line per problem on stdout and fails with
// a *VerifyFailedError when there is any.
func Verify(ctx context.Context, o VerifyOptions, stdout, stderr io.Writer) error {
	p, err := Load(o.Global)
	if err != nil {
		return err
	}
	p.logDatabase(stderr) // its server holds the scratch databases; --drift reads it
	cfg, err := p.VerifyConfig(ctx, o)
	if err != nil {
		return err
	}
	rep, err := verify.Run(ctx, cfg)
	if err != nil {
		return err
	}
	if o.JSON {
		if err := writeJSON(stdout, rep); err != nil {
			return err
		}
	} else {
		var b strings.Builder
		for _, pr := range rep.Problems {
			pr.Path = displayPath(pr.Path)
			b.WriteString(pr.String() + "\n")
		}
		if rep.OK() {
			fmt.Fprintf(&b, "verify: %d revision(s) replayed, %d downgrade(s) checked%s: OK\n", rep.Replayed, rep.Downgrades, extras(cfg))
		}
		if _, err := io.WriteString(stdout, b.String()); err != nil {
			return err
		}
		t := rep.Timing
		runner.LogLine(stderr, "INFO", "retort.verify", fmt.Sprintf("%.2fs: apply %.2fs, reflect %.2fs, compare %.2fs, scratch databases %.2fs",
			(t.Apply+t.Reflect+t.Compare+t.Scratch).Seconds(), t.Apply.Seconds(), t.Reflect.Seconds(), t.Compare.Seconds(), t.Scratch.Seconds()))
	}
	if !rep.OK() {
		return &VerifyFailedError{Problems: len(rep.Problems)}
	}
	return nil
}

func extras(cfg verify.Config) string {
	var s []string
	if cfg.Desired != nil {
		s = append(s, "heads match the desired schema")
	}
	if cfg.Live != nil {
		s = append(s, "no drift")
	}
	if len(s) == 0 {
		return ""
	}
	return ", " + strings.Join(s, ", ")
}

// VerifyConfig plans a verification of the project: the steps (upgrade order, base to
// heads, each with its downgrade), where the scratch database goes, the desired schema
// when configured, and with o.Drift the live database's schema and rows.
func (p *Project) VerifyConfig(ctx context.Context, o VerifyOptions) (verify.Config, error) {
	var cfg verify.Config
	url, err := p.Config.URL()
	if err != nil {
		return cfg, err
	}
	d, err := dialect.ForURL(url)
	if err != nil {
		return cfg, err
	}
	m, err := p.Migrator()
	if err != nil {
		return cfg, err
	}
	opts, err := p.inspectOptions()
	if err != nil {
		return cfg, err
	}
	server := url
	if dev, err := p.Config.DevURL(); err != nil {
		return cfg, err
	} else if dev != "" {
		server = dev
	}
	cfg = verify.Config{Dialect: d, ServerURL: server, Table: m.Table, Inspect: opts.Inspect, Downgrades: !o.NoDowngrade}
	if cfg.Steps, err = p.verifySteps(m, o.Range); err != nil {
		return cfg, err
	}
	cfg.Python = func(ctx context.Context, url string) (runner.Bridge, error) {
		scratch := *m
		scratch.URL, scratch.DB = url, nil
		return scratch.startBridge(ctx)
	}
	tm, err := p.Config.TargetMetadata()
	if err != nil {
		return cfg, err
	}
	cmd, err := p.Config.TargetMetadataCmd(d.Name())
	if err != nil {
		return cfg, err
	}
	if _, end, _ := strings.Cut(o.Range, ":"); (tm != "" || cmd != "") && (end == "" || end == "heads") {
		// the desired schema is what the heads should be: compared only when the replay
		// reaches them
		if cfg.Desired, err = p.DesiredSchema(ctx); err != nil {
			return cfg, err
		}
	}
	if o.Drift {
		db, ld, err := dialect.Open(ctx, url)
		if err != nil {
			return cfg, err
		}
		defer db.Close()
		m.DB = db
		if cfg.LiveRows, err = m.Rows(ctx); err != nil {
			return cfg, err
		}
		if err := p.Map.CheckRows(cfg.LiveRows); err != nil {
			return cfg, err
		}
		ag, err := autogenerator(ld)
		if err != nil {
			return cfg, err
		}
		if cfg.Live, err = ag.Inspect(ctx, db, opts.Inspect); err != nil {
			return cfg, fmt.Errorf("verify: reflect the live database: %w", err)
		}
	}
	return cfg, nil
}

// verifySteps plans the replay: every revision from base to the heads (or to END), in
// the order `upgrade` runs them, each with its downgrade; those up to START are only
// replayed.
func (p *Project) verifySteps(mg *Migrator, rng string) ([]verify.Step, error) {
	start, end, _ := strings.Cut(rng, ":")
	if end == "" {
		end = "heads"
	}
	ups, err := p.Map.Upgrade(nil, end)
	if err != nil {
		return nil, err
	}
	skip := map[string]bool{}
	if start != "" && start != "base" {
		pre, err := p.Map.Upgrade(nil, start)
		if err != nil {
			return nil, err
		}
		for _, s := range pre {
			skip[s.Revision] = true
		}
		for _, s := range ups {
			delete(skip, s.Revision)
		}
		if len(skip) > 0 {
			return nil, fmt.Errorf("verify -r %s: %s is not before %s in the history", rng, start, end)
		}
		for _, s := range pre {
			skip[s.Revision] = true
		}
	}
	upMigs, err := mg.migrations(nil, ups)
	if err != nil {
		return nil, err
	}
	steps := make([]verify.Step, len(ups))
	var rows []string
	for i, s := range ups {
		_, after, err := p.Map.Apply(rows, s)
		if err != nil {
			return nil, graph.ToCommandError(err)
		}
		down := graph.Step{Revision: s.Revision, From: s.To, To: s.From}
		downMigs, err := mg.migrations(after, []graph.Step{down})
		if err != nil {
			return nil, err
		}
		steps[i] = verify.Step{Revision: s.Revision, Path: p.File(s.Revision).Path, Up: upMigs[i], Down: downMigs[0],
			Check: !skip[s.Revision], RowsAfter: after}
		rows = after
	}
	return steps, nil
}
