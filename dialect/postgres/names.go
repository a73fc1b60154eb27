package postgres

import (
	"regexp"
	"strings"

	"github.com/retort-dev/retort/schema"
)

// maxIdentifierLength is NAMEDATALEN - 1: longer names are truncated by the server.
const maxIdentifierLength = 63

// pgAutoName matches the names PostgreSQL generates for unnamed constraints and indexes:
// <table>_<columns>_<suffix>, possibly with a number appended to avoid a clash (the
// second group).
var pgAutoName = regexp.MustCompile(`_(pkey|key|fkey|check|excl|idx)([0-9]*)$`)

func pgIsAutoName(table, name string) bool {
	return strings.HasPrefix(name, table+"_") && pgAutoName.MatchString(name)
}

// MaxIdentifierLength implements dialect.NameRules.
func (Dialect) MaxIdentifierLength() int { return maxIdentifierLength }

// Renumbered implements dialect.NameRules: a generated name with a number appended.
func (Dialect) Renumbered(name string) bool {
	m := pgAutoName.FindStringSubmatch(name)
	return m != nil && m[2] != ""
}

// ImplicitNames implements dialect.NameRules: a serial or identity column owns the
// sequence <table>_<column>_seq.
func (Dialect) ImplicitNames(table string, c *schema.Column) []string {
	if c.Serial || c.Identity != "" {
		return []string{table + "_" + c.Name + "_seq"}
	}
	return nil
}
