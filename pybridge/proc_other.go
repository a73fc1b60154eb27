//go:build unix && !linux

package pybridge

import (
	"os/exec"
	"syscall"
)

// sysProcAttr puts the helper in its own process group; without Linux's parent-death
// signal, a helper whose retort died ends at the end of its stdin.
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}

func startChild(cmd *exec.Cmd, done chan<- error) error {
	if err := cmd.Start(); err != nil {
		return err
	}
	go func() { done <- cmd.Wait() }()
	return nil
}

func killGroup(cmd *exec.Cmd) error {
	if cmd.Process == nil {
		return nil
	}
	return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
}
