package command

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
)

// CheckOptions are the options of `check`.
type CheckOptions struct {
	Global
	JSON bool // print CheckJSON on stdout (and still fail when there are changes)
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
	lines := append(slices.Clone(r.Lines), r.Unsupported...)
	if o.JSON {
		doc := CheckJSON{UpToDate: len(lines) == 0, Operations: list(r.Lines), Unsupported: list(r.Unsupported)}
		if err := writeJSON(stdout, doc); err != nil {
			return err
		}
	}
	if len(lines) > 0 {
		return &ChangesDetectedError{Lines: lines}
	}
	if o.JSON {
		return nil
	}
	_, err = fmt.Fprintln(stdout, "No new upgrade operations detected.")
	return err
}
