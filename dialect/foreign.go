package dialect

import (
	"fmt"
	"strings"

	"github.com/retort-dev/retort/sqlscript"
)

// ForeignSyntax is implemented by dialects that recognise DDL plainly written for another
// database, such as a desired schema printed for PostgreSQL against a SQLite project:
// SQLite accepts `id SERIAL` as a column of an unknown type, and the table it builds then
// rejects an insert without an id.
type ForeignSyntax interface {
	// DisplayName is the database's name for people: "SQLite", "PostgreSQL".
	DisplayName() string
	// ForeignSyntax returns what in one statement plainly belongs to another database
	// ("SERIAL, PostgreSQL's auto-increment type"), or "". tokens are the statement's
	// words (upper-cased) and operators outside quotes and comments, with "::" as one
	// token and "`" standing for a backtick-quoted name.
	ForeignSyntax(tokens []string) string
}

// CheckDesiredDDL refuses a desired schema holding a statement written for another
// database than d, naming the script, line and statement. Dialects without ForeignSyntax
// accept everything.
func CheckDesiredDDL(d Dialect, scripts []Script) error {
	fs, ok := d.(ForeignSyntax)
	if !ok {
		return nil
	}
	for _, s := range scripts {
		// Generic rules split any database's DDL well enough to look at its words (they
		// know backticks, $tag$ and E'' quoting): d's own rules might not even read it.
		stmts, err := sqlscript.Split(s.SQL, s.FirstLine)
		if err != nil {
			return nil // the scratch build reports syntax errors with their context
		}
		for _, st := range stmts {
			if what := fs.ForeignSyntax(syntaxTokens(st.SQL)); what != "" {
				return fmt.Errorf("%s:%d: the desired schema is not %s DDL: %s in %q; print it for %s (target_metadata_cmd may use %%(dialect)s or $RETORT_DIALECT)",
					s.Name, st.Line, fs.DisplayName(), what, excerpt(st.SQL, 72), d.Name())
			}
		}
	}
	return nil
}

// excerpt is the start of a statement on one line.
func excerpt(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "..."
	}
	return s
}

// syntaxTokens reads a statement with sqlscript's token stream into the tokens
// ForeignSyntax looks at.
func syntaxTokens(sql string) []string {
	var out []string
	lx := sqlscript.NewLexer(sql, sqlscript.Generic)
	for t := lx.Next(); t.Kind != sqlscript.EOF; t = lx.Next() {
		text := lx.Text(t)
		switch {
		case t.Kind == sqlscript.Word:
			out = append(out, strings.ToUpper(text))
		case t.Kind == sqlscript.Quoted && strings.HasPrefix(text, "`"):
			out = append(out, "`")
		case t.Kind == sqlscript.Op && text == ":" && len(out) > 0 && out[len(out)-1] == ":" && sql[t.Start-1] == ':':
			out[len(out)-1] = "::"
		case t.Kind == sqlscript.Op:
			out = append(out, text)
		}
	}
	return out
}

// UsesType reports whether tokens use word as a column type: right after a column name,
// which follows "(" or "," in a column list, or ADD [COLUMN] name, or TYPE.
func UsesType(tokens []string, word string) bool {
	for i, t := range tokens {
		if t != word || i < 2 {
			continue
		}
		switch tokens[i-2] {
		case "(", ",", "ADD", "COLUMN", "TYPE":
			return true
		}
	}
	return false
}
