package proc

import "syscall"

// setDeathSignal has the kernel kill the child when retort dies without cleaning up
// (SIGKILL): the one case the group kill cannot cover.
func setDeathSignal(a *syscall.SysProcAttr) { a.Pdeathsig = syscall.SIGKILL }
