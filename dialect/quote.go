package dialect

import "strings"

// QuoteIfNeeded leaves lower-case names made of [a-z0-9_$] that start with a letter or
// underscore and are not reserved words bare, and double-quotes everything else.
func QuoteIfNeeded(name string, reserved map[string]bool) string {
	bare := name != "" && !reserved[name]
	for i := 0; bare && i < len(name); i++ {
		c := name[i]
		bare = c == '_' || (c >= 'a' && c <= 'z') || (i > 0 && (c >= '0' && c <= '9' || c == '$'))
	}
	if bare {
		return name
	}
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// sqlReserved are the words SQLAlchemy quotes for every dialect (its compiler's
// RESERVED_WORDS); the dialects add their own.
var sqlReserved = words(`all analyse analyze and any array as asc asymmetric authorization
between binary both case cast check collate column constraint create cross current_date
current_role current_time current_timestamp current_user default deferrable desc distinct
do else end except false for foreign freeze from full grant group having ilike in initially
inner intersect into is isnull join leading left like limit localtime localtimestamp natural
new not notnull null off offset old on only or order outer overlaps placing primary
references right select session_user similar some symmetric table then to trailing true
union unique user using verbose when where`)

// ReservedWords are sqlReserved and the words of extra (space separated), the words a
// dialect quotes.
func ReservedWords(extra string) map[string]bool {
	m := words(extra)
	for w := range sqlReserved {
		m[w] = true
	}
	return m
}

func words(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// Literal renders s as a SQL string literal, the same on every database retort supports.
func Literal(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
