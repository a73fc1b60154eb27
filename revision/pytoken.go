package revision

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file is a small Python tokenizer: enough to read Alembic revision modules without
// a Python interpreter. It yields logical lines (brackets and backslashes join physical
// lines, ";" splits statements) made of names, string literals, numbers and operators.

type tokKind int

const (
	tName tokKind = iota + 1
	tString
	tNumber
	tOp
)

type token struct {
	kind tokKind
	text string // source text (operators, names, numbers; strings as written)
	line int
	str  string // decoded value of a plain string literal
	err  string // why a string literal has no plain value (f-string, bytes, bad escape)
}

// logicalLine is one Python simple statement or compound-statement header.
type logicalLine struct {
	line   int // 1-based line of the first token
	indent int // column of the first token (tabs to multiples of 8, as Python does)
	toks   []token
	src    string // the first physical line, trimmed, for messages
}

// tokenize splits Python source (with "\n" line ends) into logical lines. It rejects only what it cannot
// tokenize (an unterminated string or bracket).
func tokenize(path, src string) ([]logicalLine, error) {
	physical := strings.Split(src, "\n")
	var (
		out    []logicalLine
		cur    *logicalLine
		depth  int
		opened []int // lines of the open brackets
		line   = 1
		i      int
		atBOL  = true // at the beginning of a physical line, outside brackets/continuations
		indent int
	)
	flush := func() {
		if cur != nil && len(cur.toks) > 0 {
			out = append(out, *cur)
		}
		cur = nil
	}
	emit := func(t token) {
		if cur == nil {
			src := ""
			if t.line-1 < len(physical) {
				src = strings.TrimSpace(physical[t.line-1])
			}
			cur = &logicalLine{line: t.line, indent: indent, src: src}
		}
		cur.toks = append(cur.toks, t)
	}
	for i < len(src) {
		c := src[i]
		if atBOL {
			indent = 0
			for i < len(src) && (src[i] == ' ' || src[i] == '\t' || src[i] == '\f') {
				if src[i] == '\t' {
					indent = (indent/8 + 1) * 8
				} else if src[i] == ' ' {
					indent++
				}
				i++
			}
			atBOL = false
			continue
		}
		switch {
		case c == '\n':
			i++
			line++
			if depth == 0 {
				flush()
				atBOL = true
			}
		case c == ' ' || c == '\t' || c == '\f':
			i++
		case c == '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case c == '\\' && i+1 < len(src) && src[i+1] == '\n':
			i += 2
			line++
		case c == ';' && depth == 0:
			i++
			keep := indent
			flush()
			indent = keep
		case isStringStart(src[i:]):
			t, n, lines, err := readString(src[i:])
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %v", path, line, err)
			}
			t.line = line
			emit(t)
			i += n
			line += lines
		case c == '_' || c < utf8.RuneSelf && unicode.IsLetter(rune(c)) || c >= utf8.RuneSelf:
			j := i
			for j < len(src) {
				r, size := utf8.DecodeRuneInString(src[j:])
				if r != '_' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
					break
				}
				j += size
			}
			if j == i { // a non-identifier rune outside strings: keep it as an operator
				_, size := utf8.DecodeRuneInString(src[i:])
				j = i + size
				emit(token{kind: tOp, text: src[i:j], line: line})
			} else {
				emit(token{kind: tName, text: src[i:j], line: line})
			}
			i = j
		case c >= '0' && c <= '9' || c == '.' && i+1 < len(src) && src[i+1] >= '0' && src[i+1] <= '9':
			j := i
			for j < len(src) && (isAlnum(src[j]) || src[j] == '.' || src[j] == '_') {
				j++
			}
			emit(token{kind: tNumber, text: src[i:j], line: line})
			i = j
		default:
			n := 1
			if i+1 < len(src) && twoCharOps[src[i:i+2]] {
				n = 2
			}
			op := src[i : i+n]
			switch op {
			case "(", "[", "{":
				depth++
				opened = append(opened, line)
			case ")", "]", "}":
				if depth > 0 {
					depth--
					opened = opened[:len(opened)-1]
				}
			}
			emit(token{kind: tOp, text: op, line: line})
			i += n
		}
	}
	if depth > 0 {
		return nil, fmt.Errorf("%s:%d: bracket never closed", path, opened[len(opened)-1])
	}
	flush()
	return out, nil
}

var twoCharOps = map[string]bool{
	"==": true, "!=": true, "<=": true, ">=": true, "->": true, ":=": true, "**": true, "//": true,
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// stringPrefix returns the length of a string prefix (r, b, u, f and pairs) followed by a
// quote, or -1.
func stringPrefix(s string) int {
	n := 0
	for n < len(s) && n < 3 && strings.ContainsRune("rRbBuUfF", rune(s[n])) {
		n++
	}
	if n < len(s) && (s[n] == '\'' || s[n] == '"') && n <= 2 {
		return n
	}
	return -1
}

func isStringStart(s string) bool { return stringPrefix(s) >= 0 }

// readString reads one string literal at the start of s and returns it with the number
// of bytes and newlines it spans.
func readString(s string) (token, int, int, error) {
	p := stringPrefix(s)
	prefix := strings.ToLower(s[:p])
	q := s[p : p+1]
	if strings.HasPrefix(s[p:], q+q+q) {
		q = q + q + q
	}
	start := p + len(q)
	raw := strings.Contains(prefix, "r")
	i := start
	for {
		if i >= len(s) {
			return token{}, 0, 0, fmt.Errorf("unterminated string literal")
		}
		if s[i] == '\\' {
			i += 2
			continue
		}
		if len(q) == 1 && s[i] == '\n' {
			return token{}, 0, 0, fmt.Errorf("unterminated string literal")
		}
		if strings.HasPrefix(s[i:], q) {
			break
		}
		i++
	}
	body := s[start:i]
	end := i + len(q)
	t := token{kind: tString, text: s[:end]}
	switch {
	case strings.Contains(prefix, "f"):
		t.err = "f-strings are not supported"
	case strings.Contains(prefix, "b"):
		t.err = "bytes literals are not supported"
	case raw:
		t.str = body
	default:
		v, err := unescape(body)
		if err != nil {
			t.err = err.Error()
		}
		t.str = v
	}
	return t, end, strings.Count(s[:end], "\n"), nil
}

// unescape decodes the backslash escapes of a Python str literal.
func unescape(s string) (string, error) {
	if !strings.Contains(s, "\\") {
		return s, nil
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 >= len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch c := s[i]; c {
		case '\n':
		case '\\', '\'', '"':
			b.WriteByte(c)
		case 'a':
			b.WriteByte('\a')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'v':
			b.WriteByte('\v')
		case 'x', 'u', 'U':
			n := 2
			switch c {
			case 'u':
				n = 4
			case 'U':
				n = 8
			}
			if i+n >= len(s) {
				return "", fmt.Errorf("truncated \\%c escape", c)
			}
			v, err := strconv.ParseUint(s[i+1:i+1+n], 16, 32)
			if err != nil {
				return "", fmt.Errorf("bad \\%c escape", c)
			}
			b.WriteRune(rune(v))
			i += n
		case '0', '1', '2', '3', '4', '5', '6', '7':
			j := i
			for j < len(s) && j < i+3 && s[j] >= '0' && s[j] <= '7' {
				j++
			}
			v, _ := strconv.ParseUint(s[i:j], 8, 32)
			b.WriteRune(rune(v))
			i = j - 1
		case 'N':
			return "", fmt.Errorf("\\N{...} escapes are not supported")
		default: // unknown escapes stay as written
			b.WriteByte('\\')
			b.WriteByte(c)
		}
	}
	return b.String(), nil
}
