// Package proc runs the child processes retort starts (target_metadata_cmd, post-write
// hooks, the Python bridge) so that none outlives its command: each runs in its own
// process group, bounded by a timeout, and the whole group (the shell, the script and
// its own children) is killed on timeout, when the context ends (SIGINT/SIGTERM cancel
// retort's context) and when the command has finished.
package proc

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"sync"
	"time"
)

// Cmd is one child process to run.
type Cmd struct {
	Label   string   // how errors name the command, e.g. `target_metadata_cmd "./dump.sh"`
	Path    string   // program; looked up in $PATH when it has no slash
	Args    []string // arguments after the program name
	Dir     string   // working directory ("" = ours)
	Env     []string // nil = ours
	Stdin   io.Reader
	Stdout  io.Writer     // nil = discarded
	Stderr  io.Writer     // nil = discarded; the last lines are kept for errors either way
	Timeout time.Duration // <= 0: only the context bounds the run
	// Secrets (a password the child was given) are replaced by XXXXX in what the child
	// writes on stderr, before it is passed on or kept for errors.
	Secrets []string
}

// TailLines is how many of the last stderr lines an error carries.
const TailLines = 3

// pipeGrace is how long Wait lets a finished (or killed) child's descendants hold its
// stdout/stderr open before the group is killed and the pipes closed.
const pipeGrace = 500 * time.Millisecond

// Process is a started Cmd.
type Process struct {
	c      Cmd
	cmd    *exec.Cmd
	tail   *tailWriter
	ctx    context.Context // the caller's
	cancel context.CancelFunc
	run    context.Context // the caller's plus the timeout
	waited chan error      // the result of cmd.Wait
}

// Start starts c in a new process group. Wait must be called to reap it.
func Start(ctx context.Context, c Cmd) (*Process, error) {
	run, cancel := context.WithCancel(ctx)
	if c.Timeout > 0 {
		run, cancel = context.WithTimeout(ctx, c.Timeout)
	}
	tail := &tailWriter{w: c.Stderr, secrets: c.Secrets}
	cmd := exec.CommandContext(run, c.Path, c.Args...)
	cmd.Dir, cmd.Env, cmd.Stdin, cmd.Stdout, cmd.Stderr = c.Dir, c.Env, c.Stdin, c.Stdout, tail
	setGroup(cmd)
	cmd.Cancel = func() error { return killGroup(cmd) }
	cmd.WaitDelay = pipeGrace
	p := &Process{c: c, cmd: cmd, tail: tail, ctx: ctx, cancel: cancel, run: run, waited: make(chan error, 1)}
	if err := start(cmd, p.waited); err != nil {
		cancel()
		return nil, fmt.Errorf("%s: %w", c.Label, err)
	}
	return p, nil
}

// Run starts c and waits for it.
func Run(ctx context.Context, c Cmd) error {
	p, err := Start(ctx, c)
	if err != nil {
		return err
	}
	return p.Wait()
}

// Wait waits for the process, then kills what is left of its group. The error is a
// *TimeoutError, an *ExitError, or the context's error wrapped with the label. It must
// be called exactly once.
func (p *Process) Wait() error {
	err := <-p.waited
	killGroup(p.cmd) // descendants that outlived the leader (background jobs)
	p.cancel()
	var ee *exec.ExitError
	switch {
	case err == nil || errors.Is(err, exec.ErrWaitDelay):
		// ErrWaitDelay: the leader exited cleanly; a descendant held the pipes and was killed.
		return nil
	case p.ctx.Err() != nil:
		return fmt.Errorf("%s: stopped: %w", p.c.Label, p.ctx.Err())
	case errors.Is(p.run.Err(), context.DeadlineExceeded):
		return &TimeoutError{Label: p.c.Label, Timeout: p.c.Timeout, Stderr: p.tail.lines()}
	case errors.As(err, &ee):
		return &ExitError{Label: p.c.Label, State: ee.ProcessState.String(), Code: ee.ExitCode(), Stderr: p.tail.lines()}
	}
	return fmt.Errorf("%s: %w", p.c.Label, err)
}

// StderrTail returns the last non-blank lines the process wrote on stderr (up to
// TailLines), for messages about an output that was wrong although the command succeeded.
func (p *Process) StderrTail() []string { return p.tail.lines() }

// Kill kills the process group now; Wait still reaps it.
func (p *Process) Kill() { killGroup(p.cmd) }

// Pid is the process id, which is also its process group id.
func (p *Process) Pid() int { return p.cmd.Process.Pid }

// TimeoutError means the command ran longer than its timeout and its group was killed.
type TimeoutError struct {
	Label   string
	Timeout time.Duration
	Stderr  []string // last lines
}

func (e *TimeoutError) Error() string {
	return e.Label + ": timed out after " + e.Timeout.String() + " (process group killed)" + StderrSuffix(e.Stderr)
}

// ExitError means the command exited non-zero or was killed by a signal.
type ExitError struct {
	Label  string
	State  string // "exit status 3", "signal: killed"
	Code   int    // -1 when killed by a signal
	Stderr []string
}

func (e *ExitError) Error() string { return e.Label + ": " + e.State + StderrSuffix(e.Stderr) }

// StderrSuffix renders stderr lines (StderrTail) for the end of an error's one line.
func StderrSuffix(lines []string) string {
	if len(lines) == 0 {
		return ""
	}
	return "; last stderr: " + strings.Join(lines, " | ")
}

// tailWriter passes writes through to w (when set) and keeps the end of the stream,
// secrets replaced. A reader of the stream (the Python bridge, on a broken pipe) may ask
// for the lines while the child still writes.
type tailWriter struct {
	mu      sync.Mutex
	w       io.Writer
	buf     []byte
	secrets []string
}

const tailBytes = 4096

func (t *tailWriter) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	out := p
	for _, s := range t.secrets {
		if s != "" && bytes.Contains(out, []byte(s)) {
			out = bytes.ReplaceAll(out, []byte(s), []byte("XXXXX"))
		}
	}
	t.buf = append(t.buf, out...)
	if len(t.buf) > 2*tailBytes {
		t.buf = append(t.buf[:0], t.buf[len(t.buf)-tailBytes:]...)
	}
	if t.w != nil {
		if _, err := t.w.Write(out); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}

// lines returns the last TailLines non-blank lines, trimmed.
func (t *tailWriter) lines() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	var out []string
	all := strings.Split(string(t.buf), "\n")
	for i := len(all) - 1; i >= 0 && len(out) < TailLines; i-- {
		if s := strings.TrimSpace(all[i]); s != "" {
			out = append(out, s)
		}
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}
