//go:build !unix

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
