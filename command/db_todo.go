package command

import (
	"errors"
)

// The commands below need a database; their implementations replace this file.

var errNeedsRunner = errors.New("not implemented yet: database commands arrive with the runner")
