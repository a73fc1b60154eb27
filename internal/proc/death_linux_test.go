package proc

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/retort-dev/retort/internal/proc/proctest"
)

// TestMain lets the test binary play a retort that starts a child and is then killed.
func TestMain(m *testing.M) {
	if pidFile := os.Getenv("PROC_TEST_PARENT"); pidFile != "" {
		if _, err := Start(context.Background(), sh("echo $$ > "+pidFile+"; exec sleep 120", 0)); err != nil {
			os.Exit(2)
		}
		time.Sleep(time.Minute)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestChildDiesWithParent: when retort is killed (SIGKILL: nothing of it runs any more)
// its child is killed by the kernel. Only the child itself: what a shell child started in
// turn is orphaned, which no signal from a dead parent can prevent (the Python bridge's
// child is the interpreter itself).
func TestChildDiesWithParent(t *testing.T) {
	pidFile := filepath.Join(t.TempDir(), "pid")
	parent := exec.Command(os.Args[0], "-test.run=^$")
	parent.Env = append(os.Environ(), "PROC_TEST_PARENT="+pidFile)
	if err := parent.Start(); err != nil {
		t.Fatal(err)
	}
	child := pgidOf(t, pidFile)
	parent.Process.Kill()
	parent.Wait()
	proctest.WaitGone(t, child, 3*time.Second)
}
