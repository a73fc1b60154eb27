package command

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
)

// EditOptions are the options of `edit`.
type EditOptions struct {
	Global
	Revision string // any identifier the plural resolver accepts, or "current"
}

// Edit opens the file of each revision the identifier designates in the user's editor.
func Edit(ctx context.Context, o EditOptions, stdout, stderr io.Writer) error {
	p, ids, err := loadRevisions(ctx, o.Global, o.Revision, stderr)
	if err != nil {
		return err
	}
	if len(ids) == 0 {
		if o.Revision == "current" {
			return errors.New("No current revisions")
		}
		return fmt.Errorf("No revision files indicated by symbol '%s'", o.Revision)
	}
	for _, id := range ids {
		if err := openInEditor(ctx, p.File(id).Path, stdout, stderr); err != nil {
			return fmt.Errorf("Error executing editor (%w)", err)
		}
	}
	return nil
}

// openInEditor runs $EDITOR, else $VISUAL, else the first common editor on PATH, on path,
// attached to the terminal. Like Alembic, each variable names one executable (no arguments).
func openInEditor(ctx context.Context, path string, stdout, stderr io.Writer) error {
	editor, err := findEditor()
	if err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, editor, path)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, stdout, stderr
	var exit *exec.ExitError
	if err := cmd.Run(); errors.As(err, &exit) {
		// Python's CalledProcessError text, which Alembic shows.
		return fmt.Errorf("Command '['%s', '%s']' returned non-zero exit status %d.", editor, path, exit.ExitCode())
	} else if err != nil {
		return err
	}
	return nil
}

func findEditor() (string, error) {
	candidates := []string{"sensible-editor", "editor", "nano", "vim", "code"}
	var chosen []string
	for _, v := range []string{"EDITOR", "VISUAL"} {
		choice, ok := os.LookupEnv(v)
		if !ok {
			continue
		}
		if _, err := os.Stat(choice); err == nil {
			return choice, nil
		}
		if filepath.Base(choice) == choice {
			chosen = append(chosen, choice)
		}
	}
	for _, c := range append(chosen, candidates...) {
		if p, err := exec.LookPath(c); err == nil {
			return p, nil
		}
	}
	return "", errors.New(`No suitable editor found. Please set the "EDITOR" or "VISUAL" environment variables`)
}
