package revision

import (
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/retort-dev/retort/sqlscript"
)

// pyModule is an Alembic revision module read without Python.
type pyModule struct {
	path   string
	file   *File
	bodies map[string][]logicalLine // "upgrade"/"downgrade" -> statements of the function
	// python is the first module-level statement that only Python can run (an import of
	// the project's modules, a type object, ...): importing the module runs it, so both
	// functions need Python. decorated holds the decorator line of upgrade()/downgrade().
	python    *NeedsPython
	decorated map[string]logicalLine
}

// NeedsPython is a revision body that retort cannot run natively: the file, the line of
// the first statement or expression it does not read, and what that is. The command
// runs such a body through the project's Python (package pybridge).
type NeedsPython struct {
	Path string
	Line int
	What string
}

func (e *NeedsPython) Error() string {
	return fmt.Sprintf("%s:%d: needs Python: %s", e.Path, e.Line, e.What)
}

// needsPython is a NeedsPython naming the statement of ln.
func (m *pyModule) needsPython(ln logicalLine, why string) *NeedsPython {
	src := ln.src
	if r := []rune(src); len(r) > 60 {
		src = string(r[:60]) + "..."
	}
	if why != "" {
		src += " (" + why + ")"
	}
	return &NeedsPython{Path: m.path, Line: ln.line, What: src}
}

// nativeImports are the top-level modules a revision may import and still run without
// Python: importing them has no effect retort would miss.
var nativeImports = map[string]bool{
	"alembic": true, "sqlalchemy": true, "sqlmodel": true, "typing": true, "typing_extensions": true,
	"__future__": true, "collections": true,
	// the standard library: importing it changes nothing retort would miss
	"datetime": true, "decimal": true, "enum": true, "functools": true, "json": true, "logging": true,
	"os": true, "re": true, "sys": true, "uuid": true,
}

// moduleStatement tells whether a module-level line other than the revision variables
// and function definitions needs Python to run.
func moduleStatement(toks []token) (python bool, why string) {
	if _, ok := stringExpr(toks); ok {
		return false, ""
	}
	switch toks[0].text {
	case "from": // from a.b import c (a relative import is the project's)
		if len(toks) > 1 && !nativeImports[toks[1].text] {
			return true, "imports " + toks[1].text
		}
		return false, ""
	case "import": // import a.b as c, d
		for i := 1; i < len(toks); i++ {
			if (toks[i-1].text == "import" || toks[i-1].text == ",") && !nativeImports[toks[i].text] {
				return true, "imports " + toks[i].text
			}
		}
		return false, ""
	case "def":
		return false, ""
	}
	return true, ""
}

// legacyName is Alembic's rule for modules without a revision variable: the file name
// itself must be a hex id.
var legacyName = regexp.MustCompile(`^[a-f0-9]+\.py$`)

// parsePython reads the docstring, the module-level revision, down_revision,
// branch_labels and depends_on assignments (plain or annotated), and locates the
// upgrade() and downgrade() bodies.
func parsePython(path string, data []byte) (*pyModule, error) {
	// Universal newlines, as Python reads source: \r\n and a lone \r end a line.
	src := strings.ReplaceAll(strings.TrimPrefix(string(data), "\ufeff"), "\r\n", "\n")
	src = strings.ReplaceAll(src, "\r", "\n")
	lines, err := tokenize(path, src)
	if err != nil {
		return nil, err
	}
	m := &pyModule{path: path, file: &File{Path: path, Format: Python, Transactional: true}, bodies: map[string][]logicalLine{},
		decorated: map[string]logicalLine{}}
	f := m.file
	if len(lines) > 0 {
		if doc, ok := stringExpr(lines[0].toks); ok {
			f.Doc = strings.TrimSpace(doc)
			f.Message = firstParagraph(f.Doc)
			f.CreateDate = docField(f.Doc, "Create Date:")
		}
	}
	assigned := map[string]bool{}
	var decorator *logicalLine // the first of the decorators above the next def
	for i := 0; i < len(lines); i++ {
		ln := lines[i]
		if ln.indent != 0 {
			continue
		}
		toks := ln.toks
		if toks[0].kind == tOp && toks[0].text == "@" {
			if decorator == nil {
				decorator = &lines[i]
			}
			continue
		}
		isDef := toks[0].kind == tName && toks[0].text == "def" && len(toks) > 1
		if decorator != nil {
			if isDef && (toks[1].text == "upgrade" || toks[1].text == "downgrade") {
				m.decorated[toks[1].text] = *decorator
			} else if m.python == nil {
				m.python = m.needsPython(*decorator, "a decorator runs when the module is imported")
			}
			decorator = nil
		}
		if isDef && (toks[1].text == "upgrade" || toks[1].text == "downgrade") {
			var body []logicalLine
			if rest := afterSignature(toks); len(rest) > 0 {
				body = append(body, logicalLine{line: rest[0].line, indent: 1, toks: rest, src: ln.src})
			}
			for i+1 < len(lines) && lines[i+1].indent > 0 {
				i++
				body = append(body, lines[i])
			}
			m.bodies[toks[1].text] = body
			continue
		}
		name, value, ok := assignment(toks)
		if !ok {
			if python, why := moduleStatement(toks); python && m.python == nil {
				m.python = m.needsPython(ln, why)
			}
			continue
		}
		vals, err := stringList(value)
		if _, isString := stringExpr(value); name == "revision" && literalError(value) == nil && (!isString || len(vals) != 1) {
			err = fmt.Errorf("must be a non-empty string literal")
		}
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %s: %v", path, ln.line, name, err)
		}
		assigned[name] = true
		switch name {
		case "revision":
			if err := ValidateID(vals[0]); err != nil {
				return nil, fmt.Errorf("%s:%d: %w", path, ln.line, err)
			}
			f.ID = vals[0]
		case "down_revision":
			f.Down = vals
		case "branch_labels":
			f.BranchLabels = vals
		case "depends_on":
			f.DependsOn = vals
		}
	}
	if !assigned["revision"] {
		base := filepath.Base(path)
		if !legacyName.MatchString(base) {
			return nil, fmt.Errorf("Could not determine revision id from filename %s. "+
				"Be sure the 'revision' variable is declared inside the script "+
				"(please see 'Upgrading from Alembic 0.1 to 0.2' in the documentation).", base)
		}
		f.ID = strings.TrimSuffix(base, ".py")
	}
	if !assigned["down_revision"] {
		return nil, fmt.Errorf("%s: no module-level 'down_revision' variable", path)
	}
	return m, nil
}

// revisionVars are the module variables Alembic reads.
var revisionVars = map[string]bool{"revision": true, "down_revision": true, "branch_labels": true, "depends_on": true}

// assignment recognises `name = value` and `name: annotation = value` for the revision
// variables and returns the value's tokens.
func assignment(toks []token) (string, []token, bool) {
	if len(toks) < 3 || toks[0].kind != tName || !revisionVars[toks[0].text] || toks[1].kind != tOp {
		return "", nil, false
	}
	switch toks[1].text {
	case "=":
		return toks[0].text, toks[2:], true
	case ":":
		depth := 0
		for i := 2; i < len(toks); i++ {
			switch toks[i].text {
			case "(", "[", "{":
				depth++
			case ")", "]", "}":
				depth--
			case "=":
				if depth == 0 && toks[i].kind == tOp {
					return toks[0].text, toks[i+1:], true
				}
			}
		}
	}
	return "", nil, false
}

// stringList evaluates None, a string (adjacent literals concatenate), or a tuple or list
// of strings. None, "" and () all give no entries.
func stringList(toks []token) ([]string, error) {
	if len(toks) == 0 {
		return nil, fmt.Errorf("missing value")
	}
	if len(toks) == 1 && toks[0].kind == tName && toks[0].text == "None" {
		return nil, nil
	}
	if s, ok := stringExpr(toks); ok {
		if s == "" {
			return nil, nil
		}
		return []string{s}, nil
	}
	if err := literalError(toks); err != nil {
		return nil, err
	}
	open, last := toks[0].text, toks[len(toks)-1].text
	if !(open == "(" && last == ")" || open == "[" && last == "]") || toks[0].kind != tOp {
		return nil, fmt.Errorf("must be None, a string, or a tuple or list of strings")
	}
	var out []string
	inner := toks[1 : len(toks)-1]
	for len(inner) > 0 {
		end := 0
		for end < len(inner) && !(inner[end].kind == tOp && inner[end].text == ",") {
			end++
		}
		s, ok := stringExpr(inner[:end])
		if !ok {
			return nil, fmt.Errorf("must be None, a string, or a tuple or list of strings")
		}
		if s != "" {
			out = append(out, s)
		}
		if end == len(inner) {
			break
		}
		inner = inner[end+1:]
	}
	return out, nil
}

// literalError reports the first string literal without a plain value (f-string, bytes).
func literalError(toks []token) error {
	for _, t := range toks {
		if t.kind == tString && t.err != "" {
			return errors.New(t.err)
		}
	}
	return nil
}

// stringExpr evaluates adjacent plain string literals, optionally in parentheses.
func stringExpr(toks []token) (string, bool) {
	for len(toks) >= 2 && toks[0].text == "(" && toks[len(toks)-1].text == ")" && toks[0].kind == tOp {
		toks = toks[1 : len(toks)-1]
	}
	if len(toks) == 0 {
		return "", false
	}
	var b strings.Builder
	for _, t := range toks {
		if t.kind != tString || t.err != "" {
			return "", false
		}
		b.WriteString(t.str)
	}
	return b.String(), true
}

// afterSignature returns the tokens after the ":" ending a def line's signature (an
// inline body such as `def upgrade(): pass`).
func afterSignature(toks []token) []token {
	depth := 0
	for i, t := range toks {
		if t.kind != tOp {
			continue
		}
		switch t.text {
		case "(", "[", "{":
			depth++
		case ")", "]", "}":
			depth--
		case ":":
			if depth == 0 {
				return toks[i+1:]
			}
		}
	}
	return nil
}

// docField returns the rest of the docstring line starting with prefix.
func docField(doc, prefix string) string {
	for _, l := range strings.Split(doc, "\n") {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(l), prefix); ok {
			return strings.TrimSpace(rest)
		}
	}
	return ""
}

// body turns upgrade() or downgrade() into statements: only op.execute calls (see Calls
// and package pyop for the other operations).
func (m *pyModule) body(up bool) ([]sqlscript.Statement, error) {
	calls, err := m.calls(up)
	if err != nil {
		return nil, err
	}
	var out []sqlscript.Statement
	for _, c := range calls {
		if c.Op != "execute" || c.Batch != nil {
			return nil, fmt.Errorf("%s: unsupported operation %s(...) (only op.execute is supported here)", c.Where(), c.Value)
		}
		sql, err := ExecuteSQL(c)
		if err != nil {
			return nil, err
		}
		if sql != "" {
			out = append(out, sqlscript.Statement{SQL: sql, Line: c.Line})
		}
	}
	return out, nil
}
