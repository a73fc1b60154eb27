package lint

import (
	"strings"
)

// This file is lint's own small reading of one statement: words, quoted names, strings,
// numbers and punctuation with their lines. Statements come already split (sqlscript),
// so it only has to be good enough to recognise DDL shapes; everything the rules look at
// goes through tokens, so a shared token stream can replace tokenize without touching
// the rules.

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

// tokenize reads sql, whose first line is line, into tokens; comments are dropped.
// Unterminated constructs end at the end of the text (the splitter already rejected them).
func tokenize(sql string, line int) []token {
	var out []token
	i := 0
	n := len(sql)
	for i < n {
		c := sql[i]
		switch {
		case c == '\n':
			line++
			i++
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			i++
		case c == '-' && i+1 < n && sql[i+1] == '-':
			for i < n && sql[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < n && sql[i+1] == '*':
			depth := 0
			for i < n {
				switch {
				case strings.HasPrefix(sql[i:], "/*"):
					depth++
					i += 2
				case strings.HasPrefix(sql[i:], "*/"):
					depth--
					i += 2
				default:
					if sql[i] == '\n' {
						line++
					}
					i++
				}
				if depth == 0 {
					break
				}
			}
		case c == '\'' || c == '"' || c == '`':
			start := i
			j, body := quoted(sql, i, c, false)
			kind := tStr
			if c != '\'' {
				kind = tIdent
			}
			out = append(out, token{kind: kind, text: body, raw: sql[start:j], line: line})
			line += strings.Count(sql[start:j], "\n")
			i = j
		case (c == 'E' || c == 'e') && i+1 < n && sql[i+1] == '\'':
			start := i
			j, body := quoted(sql, i+1, '\'', true)
			out = append(out, token{kind: tStr, text: body, raw: sql[start:j], line: line})
			line += strings.Count(sql[start:j], "\n")
			i = j
		case c == '$' && dollarTag(sql[i:]) != "":
			tag := dollarTag(sql[i:])
			end := strings.Index(sql[i+len(tag):], tag)
			j := n
			body := sql[i+len(tag):]
			if end >= 0 {
				body = sql[i+len(tag) : i+len(tag)+end]
				j = i + len(tag) + end + len(tag)
			}
			out = append(out, token{kind: tStr, text: body, raw: sql[i:j], line: line})
			line += strings.Count(sql[i:j], "\n")
			i = j
		case isWordStart(c):
			j := i + 1
			for j < n && isWordPart(sql[j]) {
				j++
			}
			out = append(out, token{kind: tWord, text: strings.ToUpper(sql[i:j]), raw: sql[i:j], line: line})
			i = j
		case c >= '0' && c <= '9':
			j := i + 1
			for j < n && (sql[j] >= '0' && sql[j] <= '9' || sql[j] == '.' || sql[j] == 'e' || sql[j] == 'E') {
				j++
			}
			out = append(out, token{kind: tNum, text: sql[i:j], raw: sql[i:j], line: line})
			i = j
		default:
			j := i + 1
			if c == ':' && j < n && sql[j] == ':' {
				j++
			}
			out = append(out, token{kind: tPunct, text: sql[i:j], raw: sql[i:j], line: line})
			i = j
		}
	}
	return out
}

// quoted reads a quoted construct starting at sql[i] == q and returns the index after
// it and its content (doubled quotes, and with backslashes their escapes, undone).
func quoted(sql string, i int, q byte, backslash bool) (int, string) {
	var b strings.Builder
	j := i + 1
	for j < len(sql) {
		c := sql[j]
		switch {
		case backslash && c == '\\' && j+1 < len(sql):
			b.WriteByte(sql[j+1])
			j += 2
			continue
		case c == q && j+1 < len(sql) && sql[j+1] == q:
			b.WriteByte(q)
			j += 2
			continue
		case c == q:
			return j + 1, b.String()
		}
		b.WriteByte(c)
		j++
	}
	return j, b.String()
}

// dollarTag returns the $tag$ that s starts with, or "".
func dollarTag(s string) string {
	for j := 1; j < len(s); j++ {
		c := s[j]
		if c == '$' {
			return s[:j+1]
		}
		if !(isWordPart(c) && !(j == 1 && c >= '0' && c <= '9')) {
			return ""
		}
	}
	return ""
}

func isWordStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func isWordPart(c byte) bool { return isWordStart(c) || c >= '0' && c <= '9' || c == '$' }
