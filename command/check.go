package command

import (
	"context"
	"fmt"
	"io"
	"strings"
)

// CheckOptions are the options of `check`.
type CheckOptions struct {
	Global
}

// ChangesDetectedError is `check` finding that the database differs from the desired
// schema. Its message, one line as every failure, is "New upgrade operations detected: "
// and the operations, then each difference autogenerate cannot write, separated by
// " | " (the log lines above it list them one per line).
type ChangesDetectedError struct {
	Lines []string
}

func (e *ChangesDetectedError) Error() string {
	return "New upgrade operations detected: " + strings.Join(e.Lines, " | ")
}

// Check fails with a *ChangesDetectedError when the desired schema and the database
// (which must be at its heads) differ, and prints "No new upgrade operations detected."
// otherwise. Nothing is written, neither a file nor the database.
func Check(ctx context.Context, o CheckOptions, stdout, stderr io.Writer) error {
	p, err := Load(o.Global)
	if err != nil {
		return err
	}
	r, err := p.PlanAutogenerate(ctx, AutogenerateOptions{Log: stderr})
	if err != nil {
		return err
	}
	if lines := append(r.Lines, r.Unsupported...); len(lines) > 0 {
		return &ChangesDetectedError{Lines: lines}
	}
	_, err = fmt.Fprintln(stdout, "No new upgrade operations detected.")
	return err
}
