//go:build !linux

package pybridge

import "os/exec"

// startChild starts cmd; without Linux's parent-death signal, a helper whose retort died
// ends at the end of its stdin.
func startChild(cmd *exec.Cmd, done chan<- error) error {
	if err := cmd.Start(); err != nil {
		return err
	}
	go func() { done <- cmd.Wait() }()
	return nil
}
