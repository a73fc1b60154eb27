package postgres

import (
	"slices"

	"github.com/retort-dev/retort/dialect"
)

var _ dialect.ForeignSyntax = Dialect{}

// DisplayName implements dialect.ForeignSyntax.
func (Dialect) DisplayName() string { return "PostgreSQL" }

// ForeignSyntax implements dialect.ForeignSyntax: backtick-quoted names and
// AUTO_INCREMENT are MySQL's, AUTOINCREMENT is SQLite's.
func (Dialect) ForeignSyntax(tokens []string) string {
	switch {
	case slices.Contains(tokens, "`"):
		return "a `backtick-quoted` name (MySQL quoting)"
	case slices.Contains(tokens, "AUTO_INCREMENT"):
		return "AUTO_INCREMENT, MySQL's auto-increment"
	case slices.Contains(tokens, "AUTOINCREMENT"):
		return "AUTOINCREMENT, SQLite's auto-increment"
	}
	return ""
}
