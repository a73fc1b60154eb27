// Package pybridge runs the Alembic revision bodies retort cannot run natively through
// the project's own Python and Alembic. One helper process (helper.py, embedded) serves a
// whole command: it is started once, fed one step at a time over stdin/stdout as JSON
// lines, and ended with the command. For each online step it builds Alembic's Operations
// on a MigrationContext bound to its own connection to the same database, runs the
// revision's upgrade() or downgrade() and then the step's alembic_version row changes
// (rendered by retort) in one transaction, and commits. Offline (--sql) it runs the
// function in Alembic's offline mode and returns the SQL Alembic would print.
//
// The child is run by internal/proc as the other children are: its own process group,
// killed when the command's context ends, SIGKILL on parent death on Linux (end of
// stdin elsewhere), the password of the URL kept out of what it prints.
package pybridge

import (
	"bufio"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sync"
	"time"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/internal/proc"
)

//go:embed helper.py
var helperSource string

// DefaultPython is the interpreter used when the ini has no python key.
const DefaultPython = "python3"

// Config says which Python to run and how Alembic would set it up.
type Config struct {
	// Python is the interpreter (a path or a name on PATH); "" means DefaultPython.
	Python string
	// SysPath is prepended to sys.path, as Alembic does with prepend_sys_path.
	SysPath []string
	// URL is the SQLAlchemy URL of the database online steps run on; it is sent to
	// the helper on stdin, never on its command line.
	URL string
	// Dir is the helper's working directory (relative sys.path entries and SQLite
	// paths resolve from it, as in an alembic run); "" keeps retort's.
	Dir string
	// Log receives what the revisions print (the helper's stderr); nil discards it.
	Log io.Writer
}

// Versions are the helper's Python, Alembic and SQLAlchemy releases.
type Versions struct {
	Python     string `json:"python"`
	Alembic    string `json:"alembic"`
	SQLAlchemy string `json:"sqlalchemy"`
}

// StartError is a helper that could not be started: no interpreter, or no Alembic in it.
type StartError struct {
	Python string
	Err    error
}

func (e *StartError) Error() string {
	return fmt.Sprintf("no Python with Alembic: %s: %v", e.Python, e.Err)
}

func (e *StartError) Unwrap() error { return e.Err }

// StepError is a revision function that raised: the line of the revision file where
// (0 when the error is not in that file), Python's one-line message, and the traceback.
type StepError struct {
	Path      string
	Line      int
	Message   string
	Traceback string
}

func (e *StepError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Message)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Message)
}

// Bridge is a running helper. Its methods are not safe for concurrent use.
type Bridge struct {
	Versions Versions

	p      *proc.Process
	in     *os.File // the helper's stdin
	outF   *os.File // the helper's stdout
	out    *bufio.Reader
	done   chan error // the result of p.Wait
	mu     sync.Mutex
	closed bool
}

// Start runs the helper and waits for its greeting. ctx bounds the helper's life: when
// it ends, the helper's process group is killed.
func Start(ctx context.Context, cfg Config) (*Bridge, error) {
	python := cfg.Python
	if python == "" {
		python = DefaultPython
	}
	if _, err := exec.LookPath(python); err != nil {
		return nil, &StartError{Python: python, Err: errors.New("not found")}
	}
	// pipes the helper gets as files: a request and its answer go through them as they
	// are written, with no copying goroutine in between
	inR, inW, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		inR.Close()
		inW.Close()
		return nil, err
	}
	p, err := proc.Start(ctx, proc.Cmd{
		Label: "Python helper", Path: python, Args: []string{"-c", helperSource}, Dir: cfg.Dir,
		Env:   append(os.Environ(), "PYTHONUNBUFFERED=1", "PYTHONIOENCODING=utf-8"),
		Stdin: inR, Stdout: outW, Stderr: cfg.Log, Secrets: dialect.Passwords(cfg.URL),
	})
	inR.Close() // the helper holds its own copies
	outW.Close()
	if err != nil {
		inW.Close()
		outR.Close()
		return nil, &StartError{Python: python, Err: err}
	}
	b := &Bridge{p: p, in: inW, outF: outR, out: bufio.NewReader(outR), done: make(chan error, 1)}
	go func() { b.done <- p.Wait() }()
	hello := map[string]any{"url": cfg.URL, "sys_path": cfg.SysPath}
	var v struct {
		Versions
		Error string `json:"error"`
	}
	if err := b.call(hello, &v); err != nil {
		b.Close()
		return nil, &StartError{Python: python, Err: err}
	}
	if v.Error != "" {
		b.Close()
		return nil, &StartError{Python: python, Err: errors.New(v.Error)}
	}
	b.Versions = v.Versions
	return b, nil
}

// Step runs an online step: fn ("upgrade" or "downgrade") of the revision file at path,
// then versionSQL, in one transaction that the helper commits before answering.
func (b *Bridge) Step(ctx context.Context, path, fn string, versionSQL []string) error {
	var a answer
	if err := b.request(ctx, map[string]any{"op": "online", "path": path, "fn": fn, "version_sql": versionSQL}, &a); err != nil {
		return err
	}
	return a.err(path)
}

// Offline returns the SQL Alembic's offline mode prints for fn of the revision file at
// path on the SQLAlchemy dialect dialectName: statements with their terminator, each
// followed by a blank line.
func (b *Bridge) Offline(ctx context.Context, path, fn, dialectName string) (string, error) {
	var a answer
	if err := b.request(ctx, map[string]any{"op": "offline", "path": path, "fn": fn, "dialect": dialectName}, &a); err != nil {
		return "", err
	}
	return a.SQL, a.err(path)
}

// answer is the helper's reply to a step.
type answer struct {
	SQL       string `json:"sql"`
	Error     string `json:"error"`
	Line      int    `json:"line"`
	Traceback string `json:"traceback"`
}

func (a answer) err(path string) error {
	if a.Error == "" {
		return nil
	}
	return &StepError{Path: path, Line: a.Line, Message: a.Error, Traceback: a.Traceback}
}

// request sends one request and reads its answer; a context that ends first kills the
// helper (the step's transaction then never commits).
func (b *Bridge) request(ctx context.Context, req any, out any) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return errors.New("pybridge: helper already closed")
	}
	res := make(chan error, 1)
	go func() { res <- b.call(req, out) }()
	select {
	case err := <-res:
		return err
	case <-ctx.Done():
		b.p.Kill()
		<-res
		return ctx.Err()
	}
}

// call writes req as one JSON line and decodes the answer line into out.
func (b *Bridge) call(req any, out any) error {
	data, err := json.Marshal(req)
	if err != nil {
		return err
	}
	if _, err := b.in.Write(append(data, '\n')); err != nil {
		return b.exited(err)
	}
	line, err := b.out.ReadBytes('\n')
	if err != nil {
		return b.exited(err)
	}
	return json.Unmarshal(line, out)
}

// exited explains a broken pipe by the helper's exit and the end of its stderr.
func (b *Bridge) exited(err error) error {
	select {
	case werr := <-b.done:
		b.done <- werr
		if werr != nil {
			return werr // names the helper, how it ended and its last stderr lines
		}
	case <-time.After(time.Second):
	}
	return fmt.Errorf("Python helper ended: %v%s", err, proc.StderrSuffix(b.p.StderrTail()))
}

// Close ends the helper: its stdin is closed, and it is killed if it does not exit.
func (b *Bridge) Close() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return nil
	}
	b.closed = true
	b.in.Close()
	select {
	case <-b.done:
	case <-time.After(5 * time.Second):
		b.p.Kill()
		<-b.done
	}
	return b.outF.Close()
}
