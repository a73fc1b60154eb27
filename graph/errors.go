package graph

import (
	"errors"
	"fmt"
	"strings"
)

// Graph-level errors carry Alembic's exception texts (alembic/script/revision.py). The
// command layer shows them through CommandError, which rewrites some of them the way
// Alembic's ScriptDirectory does before printing "FAILED: <message>".

// RevisionError is Alembic's generic RevisionError: "Ambiguous walk", "Walked too far",
// "Relative revision -2 didn't produce 2 migrations", overlap and label errors.
type RevisionError struct{ Msg string }

func (e *RevisionError) Error() string { return e.Msg }

func revErr(format string, a ...any) error { return &RevisionError{Msg: fmt.Sprintf(format, a...)} }

// ResolutionError is an identifier that names no revision, several by prefix, or a
// revision outside the requested branch. Argument is the part Alembic reports at the
// command level ("Can't locate revision identified by '<Argument>'").
type ResolutionError struct {
	Msg      string
	Argument string
}

func (e *ResolutionError) Error() string { return e.Msg }

// MultipleHeads is a singular resolution ("head", "label@head", get_revision of "heads")
// that found several heads.
type MultipleHeads struct {
	Heads    []string
	Argument string
}

func (e *MultipleHeads) Error() string {
	return fmt.Sprintf("Multiple heads are present for given argument '%s'; %s",
		e.Argument, strings.Join(e.Heads, ", "))
}

// RangeNotAncestorError is a range whose lower end is not below its upper end.
// Lower and Upper are the identifiers as given (lists joined with ", "); empty is base.
type RangeNotAncestorError struct {
	Lower, Upper string
}

func (e *RangeNotAncestorError) Error() string {
	return fmt.Sprintf("Revision %s is not an ancestor of revision %s", orBase(e.Lower), orBase(e.Upper))
}

func orBase(s string) string {
	if s == "" {
		return "base"
	}
	return s
}

// CycleDetected rejects a graph with a cycle. Alembic has four classes for it; Kind names
// the one this is (CycleDetected, DependencyCycleDetected, LoopDetected,
// DependencyLoopDetected).
type CycleDetected struct {
	Revisions  []string
	Dependency bool // the cycle needs depends_on edges
	Loop       bool // a revision names itself
}

// Kind returns Alembic's exception class name.
func (e *CycleDetected) Kind() string {
	switch {
	case e.Dependency && e.Loop:
		return "DependencyLoopDetected"
	case e.Dependency:
		return "DependencyCycleDetected"
	case e.Loop:
		return "LoopDetected"
	}
	return "CycleDetected"
}

func (e *CycleDetected) Error() string {
	what := "Cycle"
	switch {
	case e.Dependency && e.Loop:
		what = "Dependency self-loop"
	case e.Dependency:
		what = "Dependency cycle"
	case e.Loop:
		what = "Self-loop"
	}
	return fmt.Sprintf("%s is detected in revisions (%s)", what, strings.Join(e.Revisions, ", "))
}

// MissingRevisionError is a down_revision or depends_on entry that names no revision.
// (Alembic 1.8.1 warns and then crashes with a KeyError.)
type MissingRevisionError struct {
	Revision string // the missing identifier
	From     string // the revision whose header names it
}

func (e *MissingRevisionError) Error() string {
	return fmt.Sprintf("Revision %s referenced from %s is not present", e.Revision, e.From)
}

// DuplicateRevisionError is a revision id declared by two revisions. (Alembic 1.8.1 warns
// and then keeps a confused graph.)
type DuplicateRevisionError struct{ Revision string }

func (e *DuplicateRevisionError) Error() string {
	return fmt.Sprintf("Revision %s is present more than once", e.Revision)
}

// CommandError is what a command prints after "FAILED: ". It wraps the graph-level error,
// so errors.As still reaches the typed cause.
type CommandError struct {
	Msg string
	Err error
}

func (e *CommandError) Error() string { return e.Msg }
func (e *CommandError) Unwrap() error { return e.Err }

// ToCommandError turns a graph-level error (from Resolve, ResolveMany, Iterate...) into the
// command-level one Alembic prints (ScriptDirectory._catch_revision_errors with its
// defaults): any ResolutionError becomes "Can't locate revision identified by '<x>'",
// MultipleHeads asks for a specific target, a bad range names both ends. Other errors,
// and errors that already are command-level, are returned unchanged.
func ToCommandError(err error) error { return commandError(err, catchOpts{}) }

// catchOpts are the per-call overrides of _catch_revision_errors.
type catchOpts struct {
	ancestor      string // format with %[1]s = start, %[2]s = end
	multipleHeads string // fixed text replacing the MultipleHeads message
	start, end    string
	hasEnd        bool
}

func commandError(err error, o catchOpts) error {
	if err == nil {
		return nil
	}
	var ce *CommandError
	if errors.As(err, &ce) {
		return err
	}
	var (
		rna *RangeNotAncestorError
		mh  *MultipleHeads
		re  *ResolutionError
		rv  *RevisionError
		cy  *CycleDetected
	)
	switch {
	case errors.As(err, &rna):
		start, end := o.start, o.end
		if start == "" {
			start = rna.Lower
		}
		if !o.hasEnd {
			end = rna.Upper
		}
		format := o.ancestor
		if format == "" {
			format = "Requested range %[1]s:%[2]s does not refer to ancestor/descendant revisions along the same branch"
		}
		return &CommandError{Msg: fmt.Sprintf(format, start, end), Err: err}
	case errors.As(err, &mh):
		if o.multipleHeads != "" {
			return &CommandError{Msg: o.multipleHeads, Err: err}
		}
		arg := mh.Argument
		if o.hasEnd && o.end != "" {
			arg = o.end
		}
		return &CommandError{Msg: fmt.Sprintf("Multiple head revisions are present for given argument '%s'; "+
			"please specify a specific target revision, '<branchname>@%s' to narrow to a specific head, "+
			"or 'heads' for all heads", arg, arg), Err: err}
	case errors.As(err, &re):
		return &CommandError{Msg: fmt.Sprintf("Can't locate revision identified by '%s'", re.Argument), Err: err}
	case errors.As(err, &rv):
		return &CommandError{Msg: rv.Msg, Err: err}
	case errors.As(err, &cy):
		return &CommandError{Msg: cy.Error(), Err: err}
	}
	return err
}
