package pybridge

import (
	"os/exec"
	"runtime"
	"syscall"
)

// sysProcAttr puts the helper in its own process group (a terminal's Ctrl-C reaches
// retort, which ends the helper itself) and kills it when retort dies.
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}

// startChild starts cmd on a thread that lives as long as the child: Linux sends the
// parent-death signal when the thread that forked the child exits, not the process.
func startChild(cmd *exec.Cmd, done chan<- error) error {
	started := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		if err := cmd.Start(); err != nil {
			started <- err
			return
		}
		started <- nil
		done <- cmd.Wait()
	}()
	return <-started
}

// killGroup kills the helper's process group.
func killGroup(cmd *exec.Cmd) error {
	if cmd.Process == nil {
		return nil
	}
	return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
}
