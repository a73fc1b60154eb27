//go:build unix

package sqlite

import (
	"errors"
	"os"
	"syscall"
)

// tryFlock takes an exclusive lock on f without blocking; false means someone holds it.
func tryFlock(f *os.File) (bool, error) {
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return false, nil
	}
	return err == nil, err
}

func unFlock(f *os.File) error { return syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }
