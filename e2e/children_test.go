package e2e

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/retort-dev/retort/internal/proc/proctest"
)

// hangScript is a shell command that writes its pid (its process group's id: retort
// starts it as a group leader) to pidfile, says something on stderr, and then hangs with
// a child of its own in the background.
func hangScript(pidFile string) string {
	return "echo $$ > " + pidFile + "; echo importing models >&2; sleep 120 & sleep 120"
}

// readPid waits for the script to write its pid.
func readPid(t *testing.T, file string) int {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		data, err := os.ReadFile(file)
		if pid, perr := strconv.Atoi(strings.TrimSpace(string(data))); err == nil && perr == nil {
			return pid
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("the child never wrote %s", file)
	return 0
}

// TestChildTimeout: a target_metadata_cmd or post-write hook that hangs is stopped at
// command_timeout with one FAILED line naming the command, the timeout and its last
// stderr line, and no process of its group is left.
func TestChildTimeout(t *testing.T) {
	cases := []struct {
		name, ini string
		args      []string
		want      string // the FAILED line; PIDFILE and HOOK stand for the paths
	}{
		{"target_metadata_cmd", "target_metadata_cmd = " + hangScript("PIDFILE") + "\n",
			[]string{"revision", "--autogenerate", "-m", "x"},
			`FAILED: target_metadata_cmd "` + hangScript("PIDFILE") + `": timed out after 1s (process group killed); last stderr: importing models`},
		{"post-write hook", "[post_write_hooks]\nhooks = fmt\nfmt.type = exec\nfmt.executable = HOOK\n",
			[]string{"revision", "-m", "x"},
			`FAILED: post write hook 'fmt' (HOOK): timed out after 1s (process group killed); last stderr: importing models`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := project(t, nil)
			pidFile := filepath.Join(dir, "pid")
			hook := filepath.Join(dir, "hook.sh")
			writeFile(t, dir, "hook.sh", "#!/bin/sh\n"+hangScript(pidFile)+"\n")
			if err := os.Chmod(hook, 0o755); err != nil {
				t.Fatal(err)
			}
			subst := strings.NewReplacer("PIDFILE", pidFile, "HOOK", hook)
			writeFile(t, dir, "alembic.ini", testIni+"command_timeout = 1s\n"+subst.Replace(tc.ini))
			start := time.Now()
			r := retort(t, dir, tc.args...)
			took := time.Since(start)
			lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
			if want := subst.Replace(tc.want); r.code != 1 || lines[len(lines)-1] != want || strings.Count(r.stderr, "FAILED") != 1 {
				t.Errorf("exit %d, stderr %q\nwant exit 1 and the last line %q", r.code, r.stderr, want)
			}
			if took > 6*time.Second {
				t.Errorf("took %v with command_timeout = 1s", took)
			}
			proctest.WaitGone(t, readPid(t, pidFile), 3*time.Second)
		})
	}
}

// TestChildSignal: SIGTERM or SIGINT to retort while target_metadata_cmd runs ends
// retort with exit 1 and kills the command's whole process group.
func TestChildSignal(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := project(t, nil)
			pidFile := filepath.Join(dir, "pid")
			writeFile(t, dir, "alembic.ini", testIni+"target_metadata_cmd = "+hangScript(pidFile)+"\n")
			cmd := exec.Command(bin, "revision", "--autogenerate", "-m", "x")
			cmd.Dir, cmd.Env = dir, cleanEnv()
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			pgid := readPid(t, pidFile)
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				cmd.Process.Kill()
				t.Fatalf("retort did not end within 10s of %v", sig)
			}
			if code := cmd.ProcessState.ExitCode(); code != 1 || strings.Count(stderr.String(), "FAILED: ") != 1 {
				t.Errorf("exit %d, stderr %q; want exit 1 and one FAILED line", code, stderr.String())
			}
			proctest.WaitGone(t, pgid, 3*time.Second)
			if names := agVersions(t, dir); len(names) != 0 {
				t.Errorf("a revision was written: %v", names)
			}
		})
	}
}
