package sqlscript

import (
	"strings"
)

// Kind is what a token is.
type Kind uint8

const (
	EOF       Kind = iota
	Word           // unquoted identifier or keyword
	Number         // a run of decimal digits; a fraction or exponent follows as further tokens
	Quoted         // quoted identifier: "x", `x` or [x] (see Unquote)
	String         // string literal: '...', E'...', $tag$...$tag$, MySQL's "..."
	Op             // any other character, one at a time: ( ) , . + ... and ';' inside a DELIMITER block
	Server         // MySQL's /*!...*/ or /*+...*/ (Options.ServerComments)
	End            // the statement delimiter: ';', or what a DELIMITER directive set
	Directive      // a DELIMITER directive, to the end of its line
	Error          // an unterminated construct, from its start; Err tells which. Only EOF follows.
)

// Token is a token's byte range in the source. Whitespace and comments are not tokens.
type Token struct {
	Kind       Kind
	Start, End int
}

// Lexer reads SQL text as a stream of tokens under one database's Options. It allocates
// nothing per token, so statement splitting costs one pass over the text.
type Lexer struct {
	src     string
	opts    Options
	i       int
	delim   string // set by a DELIMITER directive; "" while ';' ends statements
	atStart bool   // no token since the last End: where a DELIMITER directive may stand
	err     *SyntaxError
}

// NewLexer returns a lexer reading src under opts.
func NewLexer(src string, opts Options) *Lexer {
	return &Lexer{src: src, opts: opts, atStart: true}
}

// Text is the source text of t.
func (l *Lexer) Text(t Token) string { return l.src[t.Start:t.End] }

// Err describes the Error token, if one was read. Its Line counts from 1 at the start of
// the source.
func (l *Lexer) Err() *SyntaxError { return l.err }

// Next reads the next token; at the end of the source, and after an Error, it returns EOF.
func (l *Lexer) Next() Token {
	src := l.src
	for l.i < len(src) {
		c := src[l.i]
		start := l.i
		if l.delim != "" && c == l.delim[0] && strings.HasPrefix(src[start:], l.delim) {
			l.i += len(l.delim)
			l.atStart = true
			return Token{End, start, l.i}
		}
		switch {
		case c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			l.i++
			continue
		case isIdentStart(c) || c == '$' && !l.opts.DollarQuotes:
			j := l.wordEnd(start + 1)
			if l.opts.EStrings && j == start+1 && (c == 'E' || c == 'e') && j < len(src) && src[j] == '\'' {
				return l.quoted(start, j, '\'', String, true, "quoted string")
			}
			if l.opts.Delimiter && l.atStart && j-start == 9 && strings.EqualFold(src[start:j], "delimiter") &&
				j < len(src) && isSpace(src[j]) {
				return l.directive(start, j)
			}
			l.i = j
			return l.token(Word, start)
		case c >= '0' && c <= '9':
			j := start + 1
			for j < len(src) && src[j] >= '0' && src[j] <= '9' && !l.atDelim(j) {
				j++
			}
			l.i = j
			return l.token(Number, start)
		case c == '\'':
			return l.quoted(start, start, '\'', String, l.opts.BackslashEscapes, "quoted string")
		case c == '"':
			if l.opts.DoubleQuoteStrings {
				return l.quoted(start, start, '"', String, l.opts.BackslashEscapes, "quoted string")
			}
			return l.quoted(start, start, '"', Quoted, false, "quoted identifier")
		case c == '`' && l.opts.Backticks:
			return l.quoted(start, start, '`', Quoted, false, "quoted identifier")
		case c == '[' && l.opts.Brackets:
			k := strings.IndexByte(src[start+1:], ']')
			if k < 0 {
				return l.fail(start, "quoted identifier")
			}
			l.i = start + 1 + k + 1
			return l.token(Quoted, start)
		case c == '-' && start+1 < len(src) && src[start+1] == '-' &&
			(!l.opts.DashCommentNeedsSpace || start+2 == len(src) || src[start+2] <= ' ' || src[start+2] == 0x7f):
			l.lineComment()
			continue
		case c == '#' && l.opts.HashComments:
			l.lineComment()
			continue
		case c == '/' && start+1 < len(src) && src[start+1] == '*':
			if l.opts.ServerComments && start+2 < len(src) && (src[start+2] == '!' || src[start+2] == '+') {
				k := strings.Index(src[start+3:], "*/")
				if k < 0 {
					return l.fail(start, "block comment")
				}
				l.i = start + 3 + k + 2
				return l.token(Server, start)
			}
			if !l.blockComment() {
				return l.fail(start, "block comment")
			}
			continue
		case c == '$':
			if tag, ok := dollarTag(src[start:]); ok {
				k := strings.Index(src[start+len(tag):], tag)
				if k < 0 {
					return l.fail(start, tag+" string")
				}
				l.i = start + len(tag) + k + len(tag)
				return l.token(String, start)
			}
		case c == ';' && l.delim == "":
			l.i++
			l.atStart = true
			return Token{End, start, l.i}
		}
		l.i++
		return l.token(Op, start)
	}
	return Token{EOF, len(src), len(src)}
}

func (l *Lexer) token(k Kind, start int) Token {
	l.atStart = false
	return Token{k, start, l.i}
}

// fail ends the stream with an Error token for the construct starting at start.
func (l *Lexer) fail(start int, what string) Token {
	l.err = &SyntaxError{Line: 1 + strings.Count(l.src[:start], "\n"), What: what}
	l.i = len(l.src)
	return Token{Error, start, len(l.src)}
}

// atDelim reports whether a DELIMITER-set delimiter starts at j: like the mysql client,
// the lexer looks for it everywhere outside quotes and comments, even inside a word.
func (l *Lexer) atDelim(j int) bool {
	return l.delim != "" && l.src[j] == l.delim[0] && strings.HasPrefix(l.src[j:], l.delim)
}

func (l *Lexer) wordEnd(j int) int {
	src := l.src
	if l.delim == "" {
		for j < len(src) && identPart[src[j]] {
			j++
		}
		return j
	}
	for j < len(src) && identPart[src[j]] && !l.atDelim(j) {
		j++
	}
	return j
}

// quoted reads a quoted string or identifier whose opening quote q is at open (start is
// before it for E'...'): a doubled quote stands for the quote, and with backslash a
// backslash escapes the next character.
func (l *Lexer) quoted(start, open int, q byte, k Kind, backslash bool, what string) Token {
	src := l.src
	for j := open + 1; j < len(src); j++ {
		c := src[j]
		if backslash && c == '\\' && j+1 < len(src) {
			j++
			continue
		}
		if c == q {
			if j+1 < len(src) && src[j+1] == q {
				j++
				continue
			}
			l.i = j + 1
			return l.token(k, start)
		}
	}
	return l.fail(start, what)
}

// lineComment skips to the end of the line, leaving the newline.
func (l *Lexer) lineComment() {
	if j := strings.IndexByte(l.src[l.i:], '\n'); j >= 0 {
		l.i += j
	} else {
		l.i = len(l.src)
	}
}

// blockComment skips the comment at l.i, nested or not as the options say. It reports
// false when the comment does not end.
func (l *Lexer) blockComment() bool {
	src := l.src
	if !l.opts.NestedComments {
		k := strings.Index(src[l.i+2:], "*/")
		if k < 0 {
			return false
		}
		l.i += 2 + k + 2
		return true
	}
	nest := 0
	for j := l.i; j+1 < len(src); {
		switch {
		case src[j] == '/' && src[j+1] == '*':
			nest++
			j += 2
		case src[j] == '*' && src[j+1] == '/':
			nest--
			j += 2
			if nest == 0 {
				l.i = j
				return true
			}
		default:
			j++
		}
	}
	return false
}

// directive reads a DELIMITER directive whose word ends at j: the new delimiter is the
// next field on the line, unquoted if quoted.
func (l *Lexer) directive(start, j int) Token {
	src := l.src
	for j < len(src) && (src[j] == ' ' || src[j] == '\t') {
		j++
	}
	from := j
	for j < len(src) && !isSpace(src[j]) {
		j++
	}
	d := src[from:j]
	if len(d) >= 2 && (d[0] == '\'' || d[0] == '"' || d[0] == '`') && d[len(d)-1] == d[0] {
		d = d[1 : len(d)-1]
	}
	if d == "" || strings.ContainsRune(d, '\\') {
		l.err = &SyntaxError{Line: 1 + strings.Count(src[:start], "\n"), Reason: "DELIMITER needs a delimiter without backslashes"}
		l.i = len(src)
		return Token{Error, start, len(src)}
	}
	if d == ";" {
		d = ""
	}
	l.delim = d
	l.i = j
	l.lineComment()
	return Token{Directive, start, l.i}
}

// Unquote returns the name a Quoted token's text stands for.
func Unquote(s string) string {
	if len(s) < 2 {
		return s
	}
	q := s[0]
	inner := s[1 : len(s)-1]
	if q == '[' {
		return inner
	}
	return strings.ReplaceAll(inner, string([]byte{q, q}), string(q))
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

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'
}

func isIdentStart(c byte) bool {
	return c == '_' || (c|0x20 >= 'a' && c|0x20 <= 'z') || c >= 0x80
}

func isIdentPart(c byte) bool {
	return isIdentStart(c) || (c >= '0' && c <= '9') || c == '$'
}

// identPart is isIdentPart as a table, for the inner loop of words.
var identPart = func() (t [256]bool) {
	for c := range t {
		t[c] = isIdentPart(byte(c))
	}
	return t
}()
