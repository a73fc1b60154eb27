//go:build !linux

package proc

import (
	"os/exec"
	"syscall"
)

// setDeathSignal does nothing: only Linux has a parent-death signal. A child that reads
// its stdin (the Python bridge) ends when retort's end closes it.
func setDeathSignal(*syscall.SysProcAttr) {}

// start starts cmd and sends the result of cmd.Wait on waited.
func start(cmd *exec.Cmd, waited chan<- error) error {
	if err := cmd.Start(); err != nil {
		return err
	}
	go func() { waited <- cmd.Wait() }()
	return nil
}
