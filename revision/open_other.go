//go:build !linux

package revision

import (
	"errors"
	"os"
)

// openFile opens path; the error is unwrapped because readPrefix adds the path itself.
func openFile(path string) (*os.File, error) {
	f, err := os.Open(path)
	if pe := (*os.PathError)(nil); errors.As(err, &pe) {
		err = pe.Err
	}
	return f, err
}

// dirOpener opens by full path where directory descriptors are not used.
type dirOpener struct{}

func newDirOpener([]string) dirOpener { return dirOpener{} }

func (dirOpener) open(path string) (*os.File, error) { return openFile(path) }

func (dirOpener) close() {}
