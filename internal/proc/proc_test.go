package proc

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/retort-dev/retort/internal/proc/proctest"
)

// sh runs script with sh -c; the script's pid ($$) is its process group id.
func sh(script string, timeout time.Duration) Cmd {
	return Cmd{Label: "test command", Path: "sh", Args: []string{"-c", script}, Timeout: timeout}
}

// pgidOf reads the pid the script wrote to file.
func pgidOf(t *testing.T, file string) int {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		data, err := os.ReadFile(file)
		if n, perr := strconv.Atoi(strings.TrimSpace(string(data))); err == nil && perr == nil {
			return n
		}
		if time.Now().After(deadline) {
			t.Fatalf("the script never wrote %s", file)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestRunOutput(t *testing.T) {
	var out bytes.Buffer
	c := sh("echo hello; echo warn >&2", 0)
	var errb bytes.Buffer
	c.Stdout, c.Stderr = &out, &errb
	if err := Run(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	if out.String() != "hello\n" || errb.String() != "warn\n" {
		t.Errorf("stdout %q stderr %q", out.String(), errb.String())
	}
}

func TestExitError(t *testing.T) {
	err := Run(context.Background(), sh("echo one >&2; echo two >&2; echo three >&2; echo four >&2; exit 3", 0))
	var ee *ExitError
	if !errors.As(err, &ee) || ee.Code != 3 {
		t.Fatalf("err %v, want an ExitError with code 3", err)
	}
	if want := "test command: exit status 3; last stderr: two | three | four"; err.Error() != want {
		t.Errorf("err %q, want %q", err, want)
	}
}

// TestTimeoutKillsGroup: a command that hangs, with a background child of its own, is
// stopped at the timeout; the error names it and carries its last stderr line; no
// process of its group is left.
func TestTimeoutKillsGroup(t *testing.T) {
	pidFile := filepath.Join(t.TempDir(), "pid")
	c := sh("echo $$ > "+pidFile+"; echo loading models >&2; sleep 60 & sleep 60", 300*time.Millisecond)
	start := time.Now()
	err := Run(context.Background(), c)
	took := time.Since(start)
	var te *TimeoutError
	if !errors.As(err, &te) {
		t.Fatalf("err %v, want a TimeoutError", err)
	}
	if want := "test command: timed out after 300ms (process group killed); last stderr: loading models"; err.Error() != want {
		t.Errorf("err %q, want %q", err, want)
	}
	if took > 3*time.Second {
		t.Errorf("took %v", took)
	}
	proctest.WaitGone(t, pgidOf(t, pidFile), 2*time.Second)
}

// TestCancelKillsGroup: cancelling the context (what SIGINT/SIGTERM do) kills the group.
func TestCancelKillsGroup(t *testing.T) {
	pidFile := filepath.Join(t.TempDir(), "pid")
	ctx, cancel := context.WithCancel(context.Background())
	p, err := Start(ctx, sh("echo $$ > "+pidFile+"; sleep 60 & sleep 60", time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	pgid := pgidOf(t, pidFile)
	if pgid != p.Pid() {
		t.Errorf("process group %d, want the child's pid %d", pgid, p.Pid())
	}
	cancel()
	if err := p.Wait(); err == nil || !errors.Is(err, context.Canceled) || !strings.HasPrefix(err.Error(), "test command: stopped") {
		t.Errorf("err %v, want a stop", err)
	}
	proctest.WaitGone(t, pgid, 2*time.Second)
}

// TestBackgroundChildKilled: a child the command left running in the background (even
// one holding stdout) is killed when the command has finished.
func TestBackgroundChildKilled(t *testing.T) {
	pidFile := filepath.Join(t.TempDir(), "pid")
	var out bytes.Buffer
	c := sh("echo $$ > "+pidFile+"; sleep 60 & echo done", 0)
	c.Stdout = &out
	start := time.Now()
	if err := Run(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	if time.Since(start) > 3*time.Second || out.String() != "done\n" {
		t.Errorf("took %v, stdout %q", time.Since(start), out.String())
	}
	proctest.WaitGone(t, pgidOf(t, pidFile), 2*time.Second)
}

func TestStartError(t *testing.T) {
	err := Run(context.Background(), Cmd{Label: "hook 'x'", Path: "/no/such/program"})
	if err == nil || !strings.HasPrefix(err.Error(), "hook 'x': ") {
		t.Errorf("err %v", err)
	}
}

// TestSecretsRedacted: a secret the child prints reaches neither the stderr writer nor
// the error's last lines.
func TestSecretsRedacted(t *testing.T) {
	var errb bytes.Buffer
	c := sh("echo 'connect to u:sekrit@db failed' >&2; exit 3", 0)
	c.Stderr, c.Secrets = &errb, []string{"sekrit"}
	err := Run(context.Background(), c)
	want := "test command: exit status 3; last stderr: connect to u:XXXXX@db failed"
	if err == nil || err.Error() != want || errb.String() != "connect to u:XXXXX@db failed\n" {
		t.Errorf("err %v, stderr %q", err, errb.String())
	}
}
