package command

import (
	"context"
	"errors"
	"io"
)

// The commands below need a database; their implementations replace this file.

var errNeedsRunner = errors.New("not implemented yet: database commands arrive with the runner")

// CheckOptions are the options of `check`.
type CheckOptions struct {
	Global
}

// Check fails when the desired schema and the database differ.
func Check(ctx context.Context, o CheckOptions, stdout, stderr io.Writer) error {
	return errNeedsRunner
}
