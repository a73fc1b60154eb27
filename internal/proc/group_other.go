//go:build !unix

package proc

import "os/exec"

func setGroup(*exec.Cmd) {}

// killGroup kills the child only: without process groups its descendants may survive.
func killGroup(cmd *exec.Cmd) error {
	if cmd.Process == nil {
		return nil
	}
	return cmd.Process.Kill()
}
