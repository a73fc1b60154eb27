package lint

import (
	"strings"

	"github.com/retort-dev/retort/sqlscript"
)

// Statements are read as sqlscript's token stream, with their lines: the rules see
// words, quoted names, strings, numbers and punctuation, never raw text.

type tokKind uint8

const (
	tWord  tokKind = iota + 1 // keyword or bare name; text is upper-cased, raw as written
	tIdent                    // quoted name; text is the name without quotes
	tStr                      // string literal or $tag$ body
	tNum
	tPunct
)

type token struct {
	kind tokKind
	text string
	raw  string
	line int
}

// name is the identifier a token stands for: bare words fold to lower case (as
// PostgreSQL folds them; SQLite and MySQL compare table names case-insensitively),
// quoted names stay as written.
func (t token) name() string {
	if t.kind == tWord {
		return strings.ToLower(t.raw)
	}
	return t.text
}

// tokenize reads sql, whose first line is line, into tokens on the shared SQL token
// stream under the database's lexical options; comments are dropped, and so is anything
// after an unterminated construct (the splitter has rejected those already).
func tokenize(sql string, line int, opts sqlscript.Options) []token {
	lx := sqlscript.NewLexer(sql, opts)
	var out []token
	pos := 0
	for {
		t := lx.Next()
		if t.Kind == sqlscript.EOF || t.Kind == sqlscript.Error {
			return out
		}
		line += strings.Count(sql[pos:t.Start], "\n")
		pos = t.Start
		raw := lx.Text(t)
		switch t.Kind {
		case sqlscript.Word:
			out = append(out, token{kind: tWord, text: strings.ToUpper(raw), raw: raw, line: line})
		case sqlscript.Number:
			out = append(out, token{kind: tNum, text: raw, raw: raw, line: line})
		case sqlscript.Quoted:
			out = append(out, token{kind: tIdent, text: unquote(raw), raw: raw, line: line})
		case sqlscript.String:
			out = append(out, token{kind: tStr, text: raw, raw: raw, line: line})
		case sqlscript.Op:
			out = append(out, token{kind: tPunct, text: raw, raw: raw, line: line})
		}
	}
}

// unquote returns the name a quoted identifier ("x", `x` or [x]) stands for.
func unquote(q string) string {
	if len(q) < 2 {
		return q
	}
	open, body := q[0], q[1:len(q)-1]
	if open == '[' {
		return body
	}
	return strings.ReplaceAll(body, string([]byte{open, open}), string(open))
}
