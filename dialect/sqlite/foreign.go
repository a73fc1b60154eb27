package sqlite

import (
	"slices"

	"github.com/retort-dev/retort/dialect"
)

var _ dialect.ForeignSyntax = Dialect{}

// DisplayName implements dialect.ForeignSyntax.
func (Dialect) DisplayName() string { return "SQLite" }

// ForeignSyntax implements dialect.ForeignSyntax: SQLite takes any word as a column type,
// so PostgreSQL's SERIAL types build a table whose id is never filled in, and it has no
// :: cast. (Backticks are SQLite syntax too: it reads them as MySQL does.)
func (Dialect) ForeignSyntax(tokens []string) string {
	for _, w := range []string{"SERIAL", "BIGSERIAL", "SMALLSERIAL"} {
		if dialect.UsesType(tokens, w) {
			return w + ", PostgreSQL's auto-increment type (SQLite would store NULL ids)"
		}
	}
	switch {
	case slices.Contains(tokens, "::"):
		return "a PostgreSQL :: cast"
	case slices.Contains(tokens, "AUTO_INCREMENT"):
		return "AUTO_INCREMENT, MySQL's auto-increment"
	}
	return ""
}
