package command

import (
	"context"
	"errors"
)

// Autogenerate compares the desired schema (target_metadata / target_metadata_cmd) with the
// database at the project's heads and returns the upgrade and downgrade SQL that
// `revision --autogenerate` writes into the new file. Its implementation, arriving with the
// autogen package, replaces this file.
func Autogenerate(ctx context.Context, p *Project) (upgrade, downgrade string, err error) {
	return "", "", errors.New("not implemented yet: --autogenerate arrives with the autogen package")
}
