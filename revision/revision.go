// Package revision reads and writes revision files: retort's .sql format (header of
// "-- key: value" lines, "-- +upgrade" and "-- +downgrade" sections) and Alembic's .py files
// (module variables and op.* bodies). It scans version locations, makes revision ids, slugs
// and file names as Alembic does.
package revision

import (
	"errors"
	"time"

	"github.com/retort-dev/retort/graph"
	"github.com/retort-dev/retort/sqlscript"
)

var errTODO = errors.New("revision: not implemented yet")

// Format is the kind of a revision file.
type Format int

const (
	SQL Format = iota + 1
	Python
)

// File is one revision file. Only its header is read by Scan; bodies are read on demand.
type File struct {
	graph.Revision
	Path          string // absolute path
	Format        Format
	Doc           string // full message/docstring, stripped
	Message       string // first paragraph of Doc (what history prints)
	CreateDate    string // as written in the file, may be empty
	Transactional bool   // false when the header says "transactional: false"
}

// Scan reads the headers of every revision file in dirs (sorted by name; recursive descends
// into subdirectories). Missing directories are skipped.
func Scan(dirs []string, recursive bool) ([]*File, error) { return nil, errTODO }

// Parse reads one revision file's header.
func Parse(path string, data []byte) (*File, error) { return nil, errTODO }

// Body returns the statements of the upgrade (up) or downgrade section, reading the file.
func (f *File) Body(up bool) ([]sqlscript.Statement, error) { return nil, errTODO }

// NewID returns a new revision id: the last 12 hex digits of a UUID4.
func NewID() string { return "" }

// ValidateID rejects ids with characters Alembic forbids, with Alembic's message.
func ValidateID(id string) error { return errTODO }

// Slug turns a message into a file-name slug as Alembic does (Unicode \w runs joined by _,
// lowercased, truncated to truncate at the last _ with a trailing _).
func Slug(message string, truncate int) string { return "" }

// FileName applies file_template (Python %-formatting of rev, slug, epoch, year...second)
// and returns the name without extension.
func FileName(template, rev, slug string, created time.Time) (string, error) {
	return "", errTODO
}
