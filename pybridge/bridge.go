// Package pybridge runs the Alembic revision bodies retort cannot run natively through
// the project's own Python and Alembic. One helper process (helper.py, embedded) serves a
// whole command: it is started once, fed one step at a time over stdin/stdout as JSON
// lines, and ended with the command. For each online step it builds Alembic's Operations
// on a MigrationContext bound to its own connection to the same database, runs the
// revision's upgrade() or downgrade() and then the step's alembic_version row changes
// (rendered by retort) in one transaction, and commits. Offline (--sql) it runs the
// function in Alembic's offline mode and returns the SQL Alembic would print.
//
// The child runs in its own process group, dies with retort (SIGKILL on parent death
// on Linux, end of stdin elsewhere) and is killed when the command's context ends.
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
	"regexp"
	"strings"
	"sync"
	"time"
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

	cmd      *exec.Cmd
	in       io.WriteCloser
	out      *bufio.Reader
	password string
	stderr   *tail
	done     chan error // the result of cmd.Wait
	mu       sync.Mutex
	closed   bool
}

// Start runs the helper and waits for its greeting. ctx bounds the helper's life: when
// it ends, the helper's process group is killed.
func Start(ctx context.Context, cfg Config) (*Bridge, error) {
	python := cfg.Python
	if python == "" {
		python = DefaultPython
	}
	path, err := exec.LookPath(python)
	if err != nil {
		return nil, &StartError{Python: python, Err: errors.New("not found")}
	}
	cmd := exec.CommandContext(ctx, path, "-c", helperSource)
	cmd.Dir = cfg.Dir
	cmd.SysProcAttr = sysProcAttr()
	cmd.Cancel = func() error { return killGroup(cmd) }
	cmd.WaitDelay = 2 * time.Second
	cmd.Env = append(os.Environ(), "PYTHONUNBUFFERED=1", "PYTHONIOENCODING=utf-8")
	b := &Bridge{cmd: cmd, stderr: &tail{w: cfg.Log}, done: make(chan error, 1), password: password(cfg.URL)}
	cmd.Stderr = redactor{b.stderr, b.password}
	if b.in, err = cmd.StdinPipe(); err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	b.out = bufio.NewReader(stdout)
	if err := startChild(cmd, b.done); err != nil {
		return nil, &StartError{Python: python, Err: err}
	}
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
		killGroup(b.cmd)
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
			err = werr
		}
	case <-time.After(time.Second):
	}
	msg := strings.TrimSpace(redact(b.stderr.String(), b.password))
	if msg != "" {
		return fmt.Errorf("Python helper ended: %v: %s", err, lastLine(msg))
	}
	return fmt.Errorf("Python helper ended: %v", err)
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
		killGroup(b.cmd)
		<-b.done
	}
	return nil
}

// tail keeps the last few KB of the helper's stderr for error messages and passes it on.
type tail struct {
	mu  sync.Mutex
	w   io.Writer
	buf []byte
}

func (t *tail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if len(t.buf) > 8192 {
		t.buf = t.buf[len(t.buf)-8192:]
	}
	if t.w != nil {
		t.w.Write(p)
	}
	return len(p), nil
}

func (t *tail) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.buf)
}

// redactor keeps the password out of what the helper writes (an exception may quote
// the URL).
type redactor struct {
	w        io.Writer
	password string
}

func (r redactor) Write(p []byte) (int, error) {
	if r.password == "" {
		return r.w.Write(p)
	}
	if _, err := io.WriteString(r.w, redact(string(p), r.password)); err != nil {
		return 0, err
	}
	return len(p), nil
}

func redact(s, password string) string {
	if password == "" {
		return s
	}
	return strings.ReplaceAll(s, password, "XXXXX")
}

var urlPassword = regexp.MustCompile(`^[^:/]+://[^:@/]*:([^@/]+)@`)

// password returns the password of a URL, "" when it has none.
func password(url string) string {
	if m := urlPassword.FindStringSubmatch(url); m != nil {
		return m[1]
	}
	return ""
}

func lastLine(s string) string {
	lines := strings.Split(s, "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}
