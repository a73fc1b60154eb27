package proc

import (
	"os/exec"
	"runtime"
	"syscall"
)

// setDeathSignal has the kernel kill the child when retort dies without cleaning up
// (SIGKILL): the one case the group kill cannot cover.
func setDeathSignal(a *syscall.SysProcAttr) { a.Pdeathsig = syscall.SIGKILL }

// start starts cmd on an OS thread that lives until the child is reaped, and sends the
// result of cmd.Wait on waited: Linux sends the parent-death signal when the thread that
// forked the child exits, not only when the process does.
func start(cmd *exec.Cmd, waited chan<- error) error {
	started := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		if err := cmd.Start(); err != nil {
			started <- err
			return
		}
		started <- nil
		waited <- cmd.Wait()
	}()
	return <-started
}
