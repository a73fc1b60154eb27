// Package verify proves a revision history in a scratch database: every revision is
// upgraded, its downgrade run and the schema compared with the one before the revision
// (a difference is a broken downgrade), and the revision upgraded again; then the heads'
// schema can be compared with the desired schema, and a live database with the replay
// at its revisions (drift). The scratch database is created beside the configured
// server and dropped at the end; the live database is only read.
//
// Steps run through the runner, exactly as `upgrade` and `downgrade` run them (with
// their version-row changes), so whatever a revision body is made of replays the same.
package verify

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/retort-dev/retort/autogen"
	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/runner"
	"github.com/retort-dev/retort/schema"
	"github.com/retort-dev/retort/versions"
)

// Step is one revision of the replay with its upgrade and downgrade.
type Step struct {
	Revision string
	Path     string
	Up, Down runner.Migration
	// Check asks for the downgrade check; steps before a -r START are only replayed.
	Check bool
	// RowsAfter are the version rows once Up has run (to find the live database's
	// place in the replay).
	RowsAfter []string
}

// Config is one verification.
type Config struct {
	Dialect dialect.Dialect
	// ServerURL names the server the scratch database is created on (dev_url, else
	// sqlalchemy.url); for SQLite only its kind matters (a temporary file is used).
	ServerURL string
	Table     versions.Table
	Inspect   dialect.InspectOptions
	Steps     []Step
	// Downgrades turns the downgrade checks on (off: --no-downgrade).
	Downgrades bool
	// Desired, when set, is the desired schema's DDL, compared with the heads.
	Desired []dialect.Script
	// Live, when set, is the live database's schema at the version rows LiveRows,
	// compared with the replay at the same rows (drift).
	Live     *schema.Schema
	LiveRows []string
	// Python starts the project's Python connected to the database at url, for steps
	// that need it (nil: no step does).
	Python func(ctx context.Context, url string) (runner.Bridge, error)
	// WholeReflections turns off reflecting only what changed (dialect.ChangeTracker).
	WholeReflections bool
}

// Kind classifies a problem.
type Kind string

const (
	UpgradeFails     Kind = "upgrade-fails"      // the upgrade fails on a fresh replay
	DowngradeFails   Kind = "downgrade-fails"    // the downgrade fails
	BrokenDowngrade  Kind = "broken-downgrade"   // the downgrade leaves a different schema
	ReupgradeFails   Kind = "reupgrade-fails"    // the upgrade fails after its downgrade
	DesiredDiffers   Kind = "desired-differs"    // heads differ from the desired schema
	Drift            Kind = "drift"              // the live database differs from the replay
	DriftNotReplayed Kind = "drift-not-replayed" // the live revisions could not be replayed
)

// Problem is one thing that does not hold; its String is the line printed for it.
type Problem struct {
	Kind     Kind   `json:"kind"`
	Revision string `json:"revision,omitempty"`
	Path     string `json:"file,omitempty"`
	// Detail is the error, or one difference as `check` prints it (downgrades, desired
	// schema), or one object of drift.
	Detail string `json:"detail"`
}

func (p Problem) String() string {
	where := ""
	if p.Revision != "" {
		where = " " + p.Revision
		if p.Path != "" {
			where += " (" + p.Path + ")"
		}
	}
	return fmt.Sprintf("%s%s: %s", p.Kind, where, p.Detail)
}

// Timing is where the time of a run went.
type Timing struct {
	Scratch time.Duration `json:"scratch_ns"` // creating and dropping scratch databases
	Apply   time.Duration `json:"apply_ns"`   // running steps (statements, version rows, lock)
	Reflect time.Duration `json:"reflect_ns"` // reflecting the scratch database
	Compare time.Duration `json:"compare_ns"` // diffing schemas, building the desired schema
}

// Report is a verification's outcome.
type Report struct {
	Problems   []Problem `json:"problems"`
	Replayed   int       `json:"replayed"`   // upgrades run
	Downgrades int       `json:"downgrades"` // downgrades checked
	Timing     Timing    `json:"timing"`
	// Tracked says the scratch database reflected only what changed (see Run).
	Tracked bool `json:"-"`
}

// OK reports whether everything held.
func (r *Report) OK() bool { return len(r.Problems) == 0 }

// run is a verification in progress.
type run struct {
	cfg  Config
	ag   dialect.Autogenerator
	sd   dialect.ScratchDatabaser
	tr   dialect.TrackedInspector // reflects the scratch database, when it tracks changes
	rep  *Report
	db   *sql.DB
	url  string // the scratch database's
	drop func(context.Context) error
	live *schema.Schema // replay at LiveRows, once reached
}

// Run verifies the history. An error is a failure to verify at all (no scratch
// database, a reflection error); what the history gets wrong is in the Report.
//
// Where the dialect tracks changes (dialect.ChangeTracker), the scratch database is
// reflected again only where a step changed it. Problems are only ever reported from
// whole reflections: a tracked run stops at its first problem and the verification runs
// again reflecting whole. A tracked run without problems is checked at the end against a
// whole reflection, and runs again reflecting whole should they differ.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	rep, err := run1(ctx, cfg)
	if errors.Is(err, errTrackingMissed) || err == nil && rep.Tracked && !rep.OK() {
		cfg.WholeReflections = true
		return run1(ctx, cfg)
	}
	return rep, err
}

// errTrackingMissed is a tracked reflection that differs from a whole one at the end.
var errTrackingMissed = errors.New("verify: the tracked reflection missed a change")

func run1(ctx context.Context, cfg Config) (rep *Report, err error) {
	r := &run{cfg: cfg, rep: &Report{Problems: []Problem{}}}
	var ok bool
	if r.ag, ok = cfg.Dialect.(dialect.Autogenerator); !ok {
		return nil, fmt.Errorf("verify: %s databases cannot be reflected", cfg.Dialect.Name())
	}
	if r.sd, ok = cfg.Dialect.(dialect.ScratchDatabaser); !ok {
		return nil, fmt.Errorf("verify: %s databases have no scratch databases to replay in", cfg.Dialect.Name())
	}
	if err := r.fresh(ctx); err != nil {
		return nil, err
	}
	defer func() {
		t := time.Now()
		if derr := r.close(); derr != nil && err == nil {
			err = derr
		}
		r.rep.Timing.Scratch += time.Since(t)
	}()
	wantLive := cfg.Live != nil
	if wantLive && len(cfg.LiveRows) == 0 {
		if r.live, err = r.reflect(ctx); err != nil {
			return nil, err
		}
	}
	var before *schema.Schema
	if cfg.Downgrades {
		if before, err = r.reflect(ctx); err != nil {
			return nil, err
		}
	}
	completed := true
	// reup is the revision whose downgrade was just checked: its upgrade runs again in
	// the same runner call as the next revision's (one call fewer per revision)
	var reup *Step
	for i, s := range cfg.Steps {
		if r.foundWhileTracked() {
			return r.rep, nil
		}
		perr := r.applyAfter(ctx, reup, s.Up)
		if perr != nil && reup != nil && failedIn(perr, *reup) {
			r.problem(ReupgradeFails, *reup, perr.Error())
			if err := r.rebuild(ctx, cfg.Steps[:i]); err != nil {
				return nil, err
			}
			perr = r.apply(ctx, s.Up)
		}
		reup = nil
		if perr != nil {
			msg := perr.Error()
			if rest := len(cfg.Steps) - i - 1; rest > 0 {
				msg += fmt.Sprintf(" (the replay stops here: %d later revision(s) not verified)", rest)
			}
			r.problem(UpgradeFails, s, msg)
			completed = false
			break
		}
		r.rep.Replayed++
		var after *schema.Schema
		needAfter := cfg.Downgrades || wantLive && r.live == nil && sameRows(s.RowsAfter, cfg.LiveRows)
		if needAfter {
			if after, err = r.reflect(ctx); err != nil {
				return nil, err
			}
		}
		if wantLive && r.live == nil && sameRows(s.RowsAfter, cfg.LiveRows) {
			r.live = after
		}
		if cfg.Downgrades && s.Check {
			state, err := r.downgrade(ctx, s, before, after)
			if err != nil {
				return nil, err
			}
			switch state {
			case restored:
				reup = &cfg.Steps[i]
			case offHistory:
				// start over up to here
				if err := r.rebuild(ctx, cfg.Steps[:i+1]); err != nil {
					return nil, err
				}
			}
		}
		before = after
	}
	if !completed || r.foundWhileTracked() {
		return r.rep, nil
	}
	if reup != nil {
		if err := r.apply(ctx, reup.Up); err != nil {
			r.problem(ReupgradeFails, *reup, err.Error())
			if r.foundWhileTracked() {
				return r.rep, nil
			}
			if err := r.rebuild(ctx, cfg.Steps); err != nil {
				return nil, err
			}
		}
	}
	if err := r.checkTracking(ctx); err != nil {
		return nil, err
	}
	if cfg.Desired != nil {
		if err := r.desired(ctx); err != nil {
			return nil, err
		}
	}
	if wantLive {
		if r.live == nil {
			r.problem(DriftNotReplayed, Step{}, fmt.Sprintf("the live database's revisions (%v) are not a state of the replay", cfg.LiveRows))
		} else {
			t := time.Now()
			for _, line := range DriftLines(r.ag, r.live, cfg.Live) {
				r.problem(Drift, Step{}, line)
			}
			r.rep.Timing.Compare += time.Since(t)
		}
	}
	return r.rep, nil
}

// scratchState is where a downgrade check leaves the scratch database.
type scratchState int

const (
	restored   scratchState = iota // as before the revision: upgrade it again
	upgraded                       // the failed downgrade rolled back: as after the revision
	offHistory                     // neither: start over
)

// downgrade runs s's downgrade and compares the schema with before (and, when the
// downgrade fails, with after, the state it should have rolled back to).
func (r *run) downgrade(ctx context.Context, s Step, before, after *schema.Schema) (scratchState, error) {
	r.rep.Downgrades++
	derr := r.apply(ctx, s.Down)
	if derr != nil {
		r.problem(DowngradeFails, s, derr.Error())
	}
	now, err := r.reflect(ctx)
	if err != nil {
		return offHistory, err
	}
	if derr != nil {
		if len(r.diff(now, after)) == 0 {
			return upgraded, nil
		}
		return offHistory, nil
	}
	if lines := r.diff(now, before); len(lines) > 0 {
		for _, l := range lines {
			r.problem(BrokenDowngrade, s, l)
		}
		return offHistory, nil
	}
	return restored, nil
}

// diff returns, as `check` prints them, the operations that turn got into want.
func (r *run) diff(got, want *schema.Schema) []string {
	t := time.Now()
	defer func() { r.rep.Timing.Compare += time.Since(t) }()
	var lines []string
	for _, op := range autogen.Diff(got, want, r.ag.AltersConstraints()) {
		lines = append(lines, op.Lines()...)
	}
	return append(lines, objectLines(got, want, "is left behind", "is missing")...)
}

// desired compares the heads' schema with the desired schema, built in the scratch
// database's server the way autogenerate builds it.
func (r *run) desired(ctx context.Context) error {
	heads, err := r.reflect(ctx)
	if err != nil {
		return err
	}
	t := time.Now()
	defer func() { r.rep.Timing.Compare += time.Since(t) }()
	want, err := r.ag.Scratch(ctx, r.db, r.cfg.Desired, dialect.ScratchOptions{InspectOptions: r.cfg.Inspect})
	if err != nil {
		return fmt.Errorf("verify: desired schema: %w", err)
	}
	for _, op := range autogen.Diff(heads, want, r.ag.AltersConstraints()) {
		for _, l := range op.Lines() {
			r.problem(DesiredDiffers, Step{}, l)
		}
	}
	for _, l := range objectLines(heads, want, "is in the history but not in the desired schema", "is in the desired schema but not in the history") {
		r.problem(DesiredDiffers, Step{}, l)
	}
	return nil
}

func (r *run) problem(k Kind, s Step, detail string) {
	// a statement error names the file, which the problem names already
	if rest, ok := strings.CutPrefix(detail, s.Path+":"); ok && s.Path != "" {
		detail = "line " + rest
	}
	r.rep.Problems = append(r.rep.Problems, Problem{Kind: k, Revision: s.Revision, Path: s.Path, Detail: detail})
}

// apply runs migrations in the scratch database in one runner call.
func (r *run) apply(ctx context.Context, migs ...runner.Migration) error {
	t := time.Now()
	defer func() { r.rep.Timing.Apply += time.Since(t) }()
	opts := runner.Options{DB: r.db, Dialect: r.cfg.Dialect, Table: r.cfg.Table}
	if r.cfg.Python != nil {
		// a fresh Python per runner call, as upgrade starts one per command: one kept for
		// the whole replay was measured 8x faster but failed a step it runs correctly
		// alone (its connection outlives the runner's transactions)
		url := r.url
		opts.Python = func(ctx context.Context) (runner.Bridge, error) { return r.cfg.Python(ctx, url) }
	}
	err := runner.Run(ctx, opts, func([]string) ([]runner.Migration, error) { return migs, nil })
	if err != nil && r.tr != nil {
		r.tr.Forget() // a failed step's partial work may have escaped the record
	}
	return err
}

// applyAfter runs m, after the upgrade of reup when there is one.
func (r *run) applyAfter(ctx context.Context, reup *Step, m runner.Migration) error {
	if reup == nil {
		return r.apply(ctx, m)
	}
	return r.apply(ctx, reup.Up, m)
}

// failedIn reports whether err, from a runner call, is a failure of step s's body.
func failedIn(err error, s Step) bool {
	var se *runner.StatementError
	if errors.As(err, &se) {
		return se.Path == s.Path
	}
	return s.Path != "" && strings.HasPrefix(err.Error(), s.Path+":")
}

func (r *run) reflect(ctx context.Context) (*schema.Schema, error) {
	return r.reflectAs(ctx, r.tr != nil)
}

// reflectAs reflects the scratch database through the tracker, or whole.
func (r *run) reflectAs(ctx context.Context, tracked bool) (*schema.Schema, error) {
	t := time.Now()
	defer func() { r.rep.Timing.Reflect += time.Since(t) }()
	var s *schema.Schema
	var err error
	if tracked {
		s, err = r.tr.Inspect(ctx)
	} else {
		s, err = r.ag.Inspect(ctx, r.db, r.cfg.Inspect)
	}
	if err != nil {
		return nil, fmt.Errorf("verify: reflect the scratch database: %w", err)
	}
	return s, nil
}

// foundWhileTracked reports whether a tracked run has found a problem: it stops there,
// and Run verifies again reflecting whole.
func (r *run) foundWhileTracked() bool { return r.tr != nil && !r.rep.OK() }

// checkTracking compares the tracked reflection with a whole one (errTrackingMissed
// when they differ).
func (r *run) checkTracking(ctx context.Context) error {
	if r.tr == nil {
		return nil
	}
	tracked, err := r.reflectAs(ctx, true)
	if err != nil {
		return err
	}
	whole, err := r.reflectAs(ctx, false)
	if err != nil {
		return err
	}
	if !reflect.DeepEqual(tracked, whole) {
		return errTrackingMissed
	}
	return nil
}

// fresh replaces the scratch database by a new, empty one.
func (r *run) fresh(ctx context.Context) error {
	t := time.Now()
	defer func() { r.rep.Timing.Scratch += time.Since(t) }()
	if err := r.close(); err != nil {
		return err
	}
	url, drop, err := r.sd.ScratchDatabase(ctx, r.cfg.ServerURL)
	if err != nil {
		return fmt.Errorf("verify: create a scratch database: %w", err)
	}
	db, _, err := dialect.Open(ctx, url)
	if err != nil {
		return errors.Join(fmt.Errorf("verify: open the scratch database: %w", err), drop(context.WithoutCancel(ctx)))
	}
	// one connection: the steps and reflections of the replay follow one another
	db.SetMaxOpenConns(1)
	r.db, r.url, r.drop, r.tr = db, url, drop, nil
	// tracking costs every DDL statement a little: worth it for the two reflections per
	// revision of the downgrade checks, not for a replay reflected once or twice
	if ct, ok := r.cfg.Dialect.(dialect.ChangeTracker); ok && r.cfg.Downgrades && !r.cfg.WholeReflections {
		tr, ok, err := ct.Track(ctx, db, r.cfg.Inspect)
		if err != nil {
			return fmt.Errorf("verify: %w", err)
		}
		if ok {
			r.tr, r.rep.Tracked = tr, true
		}
	}
	return nil
}

func (r *run) close() error {
	if r.db == nil {
		return nil
	}
	cerr := r.db.Close()
	derr := r.drop(context.Background())
	r.db, r.drop = nil, nil
	if derr != nil {
		return fmt.Errorf("verify: drop the scratch database: %w", derr)
	}
	return cerr
}

// rebuild starts over in a new scratch database and replays steps without checks, after
// a defect left the scratch database off the history.
func (r *run) rebuild(ctx context.Context, steps []Step) error {
	if err := r.fresh(ctx); err != nil {
		return err
	}
	for _, s := range steps {
		if err := r.apply(ctx, s.Up); err != nil {
			return fmt.Errorf("verify: replaying %s again after a broken downgrade: %w", s.Revision, err)
		}
	}
	return nil
}

func sameRows(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
