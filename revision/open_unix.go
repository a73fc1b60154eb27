//go:build unix

package revision

import (
	"io"
	"syscall"
)

// fdFile is a file read with plain syscalls. A scan is bound by syscalls, and os.File
// spends an extra one per file registering with the poller.
type fdFile int

func openFile(path string) (fdFile, error) {
	for {
		fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err != syscall.EINTR {
			return fdFile(fd), err
		}
	}
}

func (f fdFile) Read(p []byte) (int, error) {
	for {
		n, err := syscall.Read(int(f), p)
		switch {
		case err == syscall.EINTR:
			continue
		case err != nil:
			return 0, err
		case n == 0 && len(p) > 0:
			return 0, io.EOF
		}
		return n, nil
	}
}

func (f fdFile) Close() error { return syscall.Close(int(f)) }
