package command

import (
	"context"
	"errors"
	"io"
)

// The commands below need a database; their implementations replace this file.

var errNeedsRunner = errors.New("not implemented yet: database commands arrive with the runner")

// UpgradeOptions are the options of `upgrade`.
type UpgradeOptions struct {
	Global
	Revision string // target, or "start:end" with SQL
	SQL      bool
	Tag      string
}

// Upgrade migrates the database up to the target.
func Upgrade(ctx context.Context, o UpgradeOptions, stdout, stderr io.Writer) error {
	return errNeedsRunner
}

// DowngradeOptions are the options of `downgrade`.
type DowngradeOptions struct {
	Global
	Revision string // target, or "start:end" with SQL
	SQL      bool
	Tag      string
}

// Downgrade migrates the database down to the target.
func Downgrade(ctx context.Context, o DowngradeOptions, stdout, stderr io.Writer) error {
	return errNeedsRunner
}

// StampOptions are the options of `stamp`.
type StampOptions struct {
	Global
	Revisions []string
	SQL       bool
	Tag       string
	Purge     bool
}

// Stamp rewrites the version table without running revisions.
func Stamp(ctx context.Context, o StampOptions, stdout, stderr io.Writer) error {
	return errNeedsRunner
}

// CurrentOptions are the options of `current`.
type CurrentOptions struct {
	Global
	Verbose bool
}

// Current prints the database's current revisions.
func Current(ctx context.Context, o CurrentOptions, stdout, stderr io.Writer) error {
	return errNeedsRunner
}

// EnsureVersionOptions are the options of `ensure_version`.
type EnsureVersionOptions struct {
	Global
	SQL bool
}

// EnsureVersion creates the version table when it is missing.
func EnsureVersion(ctx context.Context, o EnsureVersionOptions, stdout, stderr io.Writer) error {
	return errNeedsRunner
}

// CheckOptions are the options of `check`.
type CheckOptions struct {
	Global
}

// Check fails when the desired schema and the database differ.
func Check(ctx context.Context, o CheckOptions, stdout, stderr io.Writer) error {
	return errNeedsRunner
}

// CurrentRows returns the rows of the project's version table (history -i, show current,
// edit current), without creating the table.
func CurrentRows(ctx context.Context, p *Project) ([]string, error) {
	return nil, errNeedsRunner
}
