package command

import (
	"fmt"
	"io"
	"sync/atomic"
	"time"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/runner"
)

// RetortLogger is the logger name of retort's own log lines (the database in use, the
// summary of a run). An ini without a [logger_retort] section gives it the alembic
// logger's level.
const RetortLogger = "retort"

// StatusWriter is a log writer that can also keep a transient status line below the log
// (the command line's standard error on a terminal). Commands that apply revisions show
// their progress there when their stderr is one.
type StatusWriter interface {
	io.Writer
	// Status shows the line status returns, redrawn every refresh, until StopStatus.
	Status(status func() string, refresh time.Duration)
	// Redraw shows the status line again at once (a revision started).
	Redraw()
	StopStatus()
}

// logDatabase writes the first log line of a database command: which database (its URL
// with the password masked) and where the URL came from, because $DATABASE_URL or -x url
// silently winning over sqlalchemy.url would migrate another database than the ini names.
func (p *Project) logDatabase(log io.Writer) {
	if p.Config == nil {
		return
	}
	url, source, err := p.Config.URLSource()
	if err != nil {
		return // the command reports it
	}
	runner.LogLine(log, "INFO", RetortLogger, fmt.Sprintf("Database %s (from %s)", dialect.Redact(url), source))
}

// run counts a command's revisions for the progress line and the summary line.
type run struct {
	verb        string
	start       time.Time
	done, total atomic.Int64
	redraw      func() // shows the new count on the status line; nil off a terminal
}

func newRun(verb string) *run { return &run{verb: verb, start: time.Now()} }

// step records that revision k of n (1-based, counting the revisions whose bodies run)
// is starting.
func (r *run) step(k, n int) {
	r.done.Store(int64(k - 1))
	r.total.Store(int64(n))
	if r.redraw != nil {
		r.redraw()
	}
}

// status is the progress line: "upgrade: revision 12 of 1000, 3.2s".
func (r *run) status() string {
	k, n := r.done.Load()+1, r.total.Load()
	if n == 0 {
		return fmt.Sprintf("%s: planning, %s", r.verb, elapsed(time.Since(r.start)))
	}
	return fmt.Sprintf("%s: revision %d of %d, %s", r.verb, min(k, n), n, elapsed(time.Since(r.start)))
}

// show starts the progress line when log is a terminal's StatusWriter; the returned
// function removes it.
func (r *run) show(log io.Writer) func() {
	sw, ok := log.(StatusWriter)
	if !ok {
		return func() {}
	}
	sw.Status(r.status, 200*time.Millisecond)
	r.redraw = sw.Redraw
	return sw.StopStatus
}

// summary logs the line ending a successful run: "upgrade: 3 revisions applied in 0.05s".
func (r *run) summary(log io.Writer) {
	n := r.total.Load()
	noun := "revisions"
	if n == 1 {
		noun = "revision"
	}
	runner.LogLine(log, "INFO", RetortLogger, fmt.Sprintf("%s: %d %s applied in %s", r.verb, n, noun, elapsed(time.Since(r.start))))
}

// elapsed formats a duration for status and summary lines: 0.42s, 12.3s, 2m05s.
func elapsed(d time.Duration) string {
	switch {
	case d < 10*time.Second:
		return fmt.Sprintf("%.2fs", d.Seconds())
	case d < time.Minute:
		return fmt.Sprintf("%.1fs", d.Seconds())
	}
	d = d.Round(time.Second)
	return fmt.Sprintf("%dm%02ds", int(d.Minutes()), int(d.Seconds())%60)
}

// applyRun runs apply (an upgrade or downgrade) with the progress line on a terminal and
// the summary line after it succeeds. Offline (--sql) runs print neither.
func applyRun(m *Migrator, verb string, log io.Writer, apply func() error) error {
	if m.SQL != nil {
		return apply()
	}
	r := newRun(verb)
	m.Progress = r.step
	stop := r.show(log)
	err := apply()
	stop()
	if err == nil {
		r.summary(log)
	}
	return err
}
