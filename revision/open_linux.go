//go:build linux

package revision

import (
	"io"
	"path/filepath"
	"syscall"
)

// fdFile is a file read with plain syscalls. A scan is bound by syscalls, and os.File
// spends an extra one per file registering with the poller.
type fdFile int

func openFile(path string) (fdFile, error) {
	return retryEINTR(func() (int, error) { return syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0) })
}

func openAt(dirfd int, name string) (fdFile, error) {
	return retryEINTR(func() (int, error) { return syscall.Openat(dirfd, name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0) })
}

func retryEINTR(open func() (int, error)) (fdFile, error) {
	for {
		fd, err := open()
		if err != syscall.EINTR {
			return fdFile(fd), err
		}
	}
}

// dirOpener opens the files of a scan relative to their directory, whose descriptor is
// opened once, so the kernel resolves only each file's own name (a scan of 10,000
// files is bound by these syscalls).
type dirOpener map[string]int

func newDirOpener(dirs []string) dirOpener {
	o := dirOpener{}
	for _, d := range dirs {
		if _, ok := o[d]; ok {
			continue
		}
		if fd, err := syscall.Open(d, syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_CLOEXEC, 0); err == nil {
			o[d] = fd
		}
	}
	return o
}

func (o dirOpener) open(path string) (fdFile, error) {
	if fd, ok := o[filepath.Dir(path)]; ok {
		return openAt(fd, filepath.Base(path))
	}
	return openFile(path)
}

func (o dirOpener) close() {
	for _, fd := range o {
		syscall.Close(fd)
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
