// Package sqlscript splits SQL text into statements. Its lexer knows single and double
// quotes, E'...' strings, $tag$ bodies, -- and nested /* */ comments, and trigger bodies
// (BEGIN ... END;), so functions, DO blocks and triggers need no markers.
package sqlscript

import (
	"fmt"
	"strings"
)

// Statement is one statement of a script, without its terminating semicolon.
type Statement struct {
	SQL  string
	Line int // 1-based line of the statement's first character in the file
}

// SyntaxError is an unterminated construct; Line is where the construct starts.
// Callers prefix the file name.
type SyntaxError struct {
	Line int
	What string // e.g. "quoted string", "$body$ string", "block comment"
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("line %d: unterminated %s", e.Line, e.What)
}

// Split splits src, whose first line is line firstLine of its file, into statements.
// An unterminated quote, dollar body or comment is an error naming the line it starts on.
// Statements made only of whitespace and comments are dropped; comments before a
// statement are not part of it.
func Split(src string, firstLine int) ([]Statement, error) {
	spans, err := split(src)
	if err != nil {
		if se, ok := err.(*SyntaxError); ok {
			se.Line += firstLine - 1
		}
		return nil, err
	}
	out := make([]Statement, 0, len(spans))
	line, pos := firstLine, 0
	for _, sp := range spans {
		line += strings.Count(src[pos:sp.start], "\n")
		pos = sp.start
		out = append(out, Statement{SQL: src[sp.start:sp.end], Line: line})
	}
	return out, nil
}

// span is a statement's byte range in the source, without the terminator and
// without trailing whitespace.
type span struct{ start, end int }

// splitter walks the source once. A ';' ends a statement unless it is inside a quote,
// a comment, parentheses, or a block body (a trigger's BEGIN ... END, a BEGIN ATOMIC ... END), where
// CASE ... END pairs are counted so their END does not close the body.
type splitter struct {
	src  string
	i    int
	line int

	spans     []span
	start     int // start of the current statement, -1 before its first token
	end       int // end of its last token
	words     []string
	depth     int  // open BEGIN/CASE blocks inside a block body
	parens    int  // open parentheses: like psql, ';' inside them does not end a statement
	afterBeg  bool // previous word was BEGIN (waiting for ATOMIC)
	isTrigger bool // statement is CREATE [TEMP] TRIGGER
}

func split(src string) ([]span, error) {
	s := &splitter{src: src, line: 1, start: -1}
	for s.i < len(src) {
		if err := s.next(); err != nil {
			return nil, err
		}
	}
	s.finish()
	return s.spans, nil
}

func (s *splitter) next() error {
	c := s.src[s.i]
	switch {
	case c == '\n':
		s.line++
		s.i++
	case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
		s.i++
	case c == '-' && strings.HasPrefix(s.src[s.i:], "--"):
		if j := strings.IndexByte(s.src[s.i:], '\n'); j >= 0 {
			s.i += j // the newline is counted by the next call
		} else {
			s.i = len(s.src)
		}
	case c == '/' && strings.HasPrefix(s.src[s.i:], "/*"):
		return s.blockComment()
	case c == '(' || c == ')':
		if c == '(' {
			s.parens++
		} else if s.parens > 0 {
			s.parens--
		}
		s.token(s.i, s.i+1)
		s.i++
	case c == ';':
		if s.depth > 0 || s.parens > 0 {
			s.token(s.i, s.i+1)
			s.i++
			return nil
		}
		s.finish()
		s.i++
	case c == '\'':
		return s.quoted(s.i, '\'', false, "quoted string")
	case c == '"':
		return s.quoted(s.i, '"', false, "quoted identifier")
	case c == '`':
		return s.quoted(s.i, '`', false, "quoted identifier")
	case c == '$':
		if tag, ok := dollarTag(s.src[s.i:]); ok {
			return s.dollar(tag)
		}
		s.token(s.i, s.i+1)
		s.i++
	case isIdentStart(c):
		j := s.i + 1
		for j < len(s.src) && isIdentPart(s.src[j]) {
			j++
		}
		w := s.src[s.i:j]
		if (w == "E" || w == "e") && j < len(s.src) && s.src[j] == '\'' {
			return s.quoted(s.i, '\'', true, "quoted string")
		}
		s.token(s.i, j)
		s.i = j
		s.word(strings.ToUpper(w))
	default:
		s.token(s.i, s.i+1)
		s.i++
	}
	return nil
}

// token records a significant (non-comment, non-space) range of the current statement.
func (s *splitter) token(from, to int) {
	if s.start < 0 {
		s.start = from
	}
	s.end = to
}

// word tracks the keywords that open and close block bodies.
func (s *splitter) word(w string) {
	if len(s.words) < 4 {
		s.words = append(s.words, w)
		s.isTrigger = isCreateTrigger(s.words)
	}
	atomic := s.afterBeg && w == "ATOMIC"
	s.afterBeg = false
	switch {
	case atomic:
		s.depth++
	case w == "BEGIN":
		if s.isTrigger {
			s.depth++
		} else {
			s.afterBeg = true
		}
	case w == "CASE" && s.depth > 0:
		s.depth++
	case w == "END" && s.depth > 0:
		s.depth--
	}
}

// isCreateTrigger reports whether the leading words read CREATE [TEMP|TEMPORARY] TRIGGER.
func isCreateTrigger(w []string) bool {
	if len(w) < 2 || w[0] != "CREATE" {
		return false
	}
	if w[1] == "TRIGGER" {
		return true
	}
	return len(w) >= 3 && (w[1] == "TEMP" || w[1] == "TEMPORARY") && w[2] == "TRIGGER"
}

func (s *splitter) finish() {
	if s.start >= 0 {
		s.spans = append(s.spans, span{s.start, s.end})
	}
	s.start, s.end = -1, 0
	s.words, s.depth, s.parens, s.afterBeg, s.isTrigger = s.words[:0], 0, 0, false, false
}

// quoted consumes a quote starting at from (the opening quote is at s.i, or after the
// E prefix). A doubled quote is an escaped quote; backslash escapes only in E'...' strings.
func (s *splitter) quoted(from int, q byte, backslash bool, what string) error {
	startLine := s.line
	j := s.i
	if backslash {
		j++ // the E
	}
	j++ // opening quote
	for j < len(s.src) {
		c := s.src[j]
		switch {
		case c == '\n':
			s.line++
		case backslash && c == '\\' && j+1 < len(s.src):
			j++
			if s.src[j] == '\n' {
				s.line++
			}
		case c == q:
			if j+1 < len(s.src) && s.src[j+1] == q {
				j++
			} else {
				s.token(from, j+1)
				s.i = j + 1
				s.afterBeg = false
				return nil
			}
		}
		j++
	}
	return &SyntaxError{Line: startLine, What: what}
}

func (s *splitter) dollar(tag string) error {
	startLine := s.line
	body := s.i + len(tag)
	k := strings.Index(s.src[body:], tag)
	if k < 0 {
		return &SyntaxError{Line: startLine, What: tag + " string"}
	}
	end := body + k + len(tag)
	s.line += strings.Count(s.src[s.i:end], "\n")
	s.token(s.i, end)
	s.i = end
	s.afterBeg = false
	return nil
}

func (s *splitter) blockComment() error {
	startLine := s.line
	nest := 0
	j := s.i
	for j < len(s.src) {
		switch {
		case strings.HasPrefix(s.src[j:], "/*"):
			nest++
			j += 2
		case strings.HasPrefix(s.src[j:], "*/"):
			nest--
			j += 2
			if nest == 0 {
				s.i = j
				return nil
			}
		default:
			if s.src[j] == '\n' {
				s.line++
			}
			j++
		}
	}
	return &SyntaxError{Line: startLine, What: "block comment"}
}

// dollarTag returns the $tag$ opening s, if s starts with one.
func dollarTag(s string) (string, bool) {
	for j := 1; j < len(s); j++ {
		c := s[j]
		if c == '$' {
			return s[:j+1], true
		}
		if !(isIdentStart(c) || (j > 1 && c >= '0' && c <= '9')) {
			return "", false
		}
	}
	return "", false
}

func isIdentStart(c byte) bool {
	return c == '_' || (c|0x20 >= 'a' && c|0x20 <= 'z') || c >= 0x80
}

func isIdentPart(c byte) bool {
	return isIdentStart(c) || (c >= '0' && c <= '9') || c == '$'
}
