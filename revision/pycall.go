package revision

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// This file reads the upgrade() and downgrade() bodies of Alembic modules as the calls
// autogenerate writes: op.<operation>(...) statements and
// `with op.batch_alter_table(...) as batch_op:` blocks of batch_op.<operation>(...) calls.
// Arguments are a small subset of Python expressions, kept as a tree for package pyop.

// ExprKind tells what an Expr is.
type ExprKind int

const (
	ExprString ExprKind = iota + 1 // Value is the decoded string (adjacent literals joined)
	ExprNumber                     // Value is the literal as written, with a leading "-" if negated
	ExprBool                       // Value is "True" or "False"
	ExprNone
	ExprName  // Value is a dotted name: sa.Integer, postgresql.UUID
	ExprCall  // Value is the dotted callee; Args and Kwargs its arguments
	ExprList  // Args are the items
	ExprTuple // Args are the items
	ExprDict  // Kwargs are the items: Name is the key (a string literal), Value the value
)

// Expr is one Python expression of a revision body.
type Expr struct {
	Kind   ExprKind
	Value  string
	Args   []Expr // call positional arguments, list or tuple items
	Kwargs []Kwarg
	// Recv is, for a method call on a call's result (sa.BigInteger().with_variant(...)),
	// that result; Value is then the method's name.
	Recv *Expr
	Line int // 1-based line where the expression starts
}

// Kwarg is a keyword argument of a call.
type Kwarg struct {
	Name  string
	Value Expr
}

// Kwarg returns the keyword argument name of a call, and whether it is given.
func (e Expr) Kwarg(name string) (Expr, bool) {
	for _, k := range e.Kwargs {
		if k.Name == name {
			return k.Value, true
		}
	}
	return Expr{}, false
}

// String renders e as Python source, for messages and golden files.
func (e Expr) String() string {
	switch e.Kind {
	case ExprString:
		return pyQuote(e.Value)
	case ExprNone:
		return "None"
	case ExprCall:
		parts := make([]string, 0, len(e.Args)+len(e.Kwargs))
		for _, a := range e.Args {
			parts = append(parts, a.String())
		}
		for _, k := range e.Kwargs {
			parts = append(parts, k.Name+"="+k.Value.String())
		}
		call := e.Value + "(" + strings.Join(parts, ", ") + ")"
		if e.Recv != nil {
			return e.Recv.String() + "." + call
		}
		return call
	case ExprDict:
		parts := make([]string, len(e.Kwargs))
		for i, k := range e.Kwargs {
			parts[i] = pyQuote(k.Name) + ": " + k.Value.String()
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case ExprList, ExprTuple:
		parts := make([]string, len(e.Args))
		for i, a := range e.Args {
			parts[i] = a.String()
		}
		if e.Kind == ExprList {
			return "[" + strings.Join(parts, ", ") + "]"
		}
		if len(parts) == 1 {
			return "(" + parts[0] + ",)"
		}
		return "(" + strings.Join(parts, ", ") + ")"
	}
	return e.Value
}

// pyQuote writes s as a single-quoted Python literal.
func pyQuote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\n", `\n`, "\t", `\t`, "\r", `\r`)
	return "'" + r.Replace(s) + "'"
}

// Call is one operation of a revision body: op.create_table(...), or batch_op.add_column(...)
// inside a batch block.
type Call struct {
	Expr        // Kind ExprCall; Value is the callee as written ("op.create_table")
	Op   string // the operation: "create_table", "add_column", "execute", ...
	File string // the revision file, for messages
	// Batch is, for calls inside `with op.batch_alter_table(...) as x:`, that call; the
	// calls of one block share the pointer.
	Batch *Expr
	// Autocommit is set for calls inside `with op.get_context().autocommit_block():`,
	// which run outside a transaction.
	Autocommit bool
}

// Where is "file:line" of the call, the prefix of its error messages.
func (c Call) Where() string { return fmt.Sprintf("%s:%d", c.File, c.Line) }

// Calls returns the operations of upgrade() (up) or downgrade(), in order. pass, comments
// and docstrings are skipped. A body with anything else (another statement, an
// expression the reader does not know, a decorator, module-level code) is a
// *NeedsPython error naming the first such line.
func (f *File) Calls(up bool) ([]Call, error) {
	if f.Format != Python {
		return nil, fmt.Errorf("%s: not a Python revision file", f.Path)
	}
	data, err := f.read()
	if err != nil {
		return nil, err
	}
	m, err := parsePython(f.Path, data)
	if err != nil {
		return nil, err
	}
	return m.calls(up)
}

func (m *pyModule) calls(up bool) ([]Call, error) {
	fn := "downgrade"
	if up {
		fn = "upgrade"
	}
	lines, ok := m.bodies[fn]
	if !ok {
		return nil, fmt.Errorf("%s: no module-level %s() function", m.path, fn)
	}
	if d, ok := m.decorated[fn]; ok {
		return nil, m.needsPython(d, "a decorated "+fn+"()")
	}
	if m.python != nil {
		return nil, m.python
	}
	unsupported := func(ln logicalLine) error { return m.needsPython(ln, "") }
	// an expression the reader does not evaluate: Python reads it
	python := func(ln logicalLine, err error) error {
		var pe *exprError
		if errors.As(err, &pe) {
			np := m.needsPython(ln, pe.msg)
			np.Line = pe.line
			return np
		}
		return err
	}
	var (
		out        []Call
		batch      *Expr  // the enclosing batch_alter_table call
		alias      string // its "as" name
		batchDepth int    // indent of the with statement
		// inside `with op.get_context().autocommit_block():` at this indent
		autocommit      bool
		autocommitDepth int
	)
	for _, ln := range lines {
		if batch != nil && ln.indent <= batchDepth {
			batch = nil
		}
		toks := ln.toks
		if len(toks) == 1 && toks[0].kind == tName && toks[0].text == "pass" {
			continue
		}
		if _, ok := stringExpr(toks); ok {
			continue // a docstring or bare string has no effect
		}
		if autocommit && ln.indent <= autocommitDepth {
			autocommit = false
		}
		if batch == nil && !autocommit && isAutocommitBlock(toks) {
			autocommit, autocommitDepth = true, ln.indent
			continue
		}
		if batch == nil && toks[0].kind == tName && toks[0].text == "with" {
			call, name, rest, err := m.withHeader(ln)
			if err != nil {
				return nil, python(ln, err)
			}
			if call == nil || autocommit {
				return nil, unsupported(ln)
			}
			batch, alias, batchDepth = call, name, ln.indent
			if len(rest) > 0 { // `with ... as b: b.x()` on one line
				c, err := m.statement(rest, ln, batch, alias)
				if err != nil {
					return nil, python(ln, err)
				}
				if c == nil {
					return nil, unsupported(ln)
				}
				out = append(out, *c)
				batch = nil
			}
			continue
		}
		var c *Call
		var err error
		if batch != nil {
			c, err = m.statement(toks, ln, batch, alias)
		}
		if c == nil && err == nil { // op.* calls inside a batch block run on their own
			c, err = m.statement(toks, ln, nil, "op")
		}
		if err != nil {
			return nil, python(ln, err)
		}
		if c == nil {
			return nil, unsupported(ln)
		}
		c.Autocommit = autocommit
		out = append(out, *c)
	}
	return out, nil
}

// isAutocommitBlock recognises `with op.get_context().autocommit_block():`.
func isAutocommitBlock(toks []token) bool {
	want := []string{"with", "op", ".", "get_context", "(", ")", ".", "autocommit_block", "(", ")", ":"}
	if len(toks) != len(want) {
		return false
	}
	for i, w := range want {
		if toks[i].text != w {
			return false
		}
	}
	return true
}

// statement reads `<prefix>.<name>(...)`; nil when toks have another shape.
func (m *pyModule) statement(toks []token, ln logicalLine, batch *Expr, prefix string) (*Call, error) {
	if len(toks) < 4 || toks[0].text != prefix || toks[1].text != "." || toks[2].kind != tName || toks[3].text != "(" {
		return nil, nil
	}
	p := &exprParser{toks: toks, path: m.path}
	e, err := p.expr()
	if err == nil && p.i < len(toks) {
		err = p.errorf(toks[p.i], "unexpected %q after the call", toks[p.i].text)
	}
	if err != nil {
		return nil, err
	}
	if e.Kind != ExprCall {
		return nil, nil
	}
	return &Call{Expr: e, Op: toks[2].text, File: m.path, Batch: batch}, nil
}

// withHeader reads `with op.batch_alter_table(...) as name:` and returns the call, the name
// and any statement after the colon; call is nil for other with statements.
func (m *pyModule) withHeader(ln logicalLine) (*Expr, string, []token, error) {
	toks := ln.toks[1:]
	// with (op.batch_alter_table(...) as name):
	if len(toks) > 5 && toks[0].text == "(" && toks[0].kind == tOp {
		if end := len(toks) - 1; toks[end].text == ":" && toks[end-1].text == ")" {
			toks = append(slices.Clone(toks[1:end-1]), toks[end])
		}
	}
	if len(toks) < 4 || toks[0].text != "op" || toks[1].text != "." || toks[2].text != "batch_alter_table" {
		return nil, "", nil, nil
	}
	p := &exprParser{toks: toks, path: m.path}
	e, err := p.expr()
	if err != nil {
		return nil, "", nil, err
	}
	rest := toks[p.i:]
	if len(rest) < 3 || rest[0].text != "as" || rest[1].kind != tName || rest[2].text != ":" {
		return nil, "", nil, nil
	}
	return &e, rest[1].text, rest[3:], nil
}

// exprParser is a recursive-descent reader of the expressions autogenerate writes.
type exprParser struct {
	toks []token
	i    int
	path string
}

// exprError is an expression the parser does not read.
type exprError struct {
	path  string
	line  int
	msg   string
	named bool // msg names the innermost call
}

func (e *exprError) Error() string { return fmt.Sprintf("%s:%d: %s", e.path, e.line, e.msg) }

func (p *exprParser) errorf(t token, format string, args ...any) error {
	return &exprError{path: p.path, line: t.line, msg: fmt.Sprintf(format, args...)}
}

func (p *exprParser) peek() (token, bool) {
	if p.i < len(p.toks) {
		return p.toks[p.i], true
	}
	return token{}, false
}

func (p *exprParser) isOp(text string) bool {
	t, ok := p.peek()
	return ok && t.kind == tOp && t.text == text
}

func (p *exprParser) expr() (Expr, error) {
	t, ok := p.peek()
	if !ok {
		last := p.toks[len(p.toks)-1]
		return Expr{}, p.errorf(last, "expression expected after %q", last.text)
	}
	var e Expr
	switch {
	case t.kind == tString:
		e = Expr{Kind: ExprString, Line: t.line}
		var b strings.Builder
		for ; p.i < len(p.toks) && p.toks[p.i].kind == tString; p.i++ {
			if p.toks[p.i].err != "" {
				return Expr{}, p.errorf(p.toks[p.i], "%s", p.toks[p.i].err)
			}
			b.WriteString(p.toks[p.i].str)
		}
		e.Value = b.String()
	case t.kind == tNumber:
		p.i++
		e = Expr{Kind: ExprNumber, Value: t.text, Line: t.line}
	case t.kind == tOp && t.text == "-" && p.i+1 < len(p.toks) && p.toks[p.i+1].kind == tNumber:
		p.i += 2
		e = Expr{Kind: ExprNumber, Value: "-" + p.toks[p.i-1].text, Line: t.line}
	case t.kind == tName:
		p.i++
		switch t.text {
		case "True", "False":
			e = Expr{Kind: ExprBool, Value: t.text, Line: t.line}
		case "None":
			e = Expr{Kind: ExprNone, Value: t.text, Line: t.line}
		default:
			name := t.text
			for p.isOp(".") && p.i+1 < len(p.toks) && p.toks[p.i+1].kind == tName {
				name += "." + p.toks[p.i+1].text
				p.i += 2
			}
			e = Expr{Kind: ExprName, Value: name, Line: t.line}
			if p.isOp("(") {
				p.i++
				e.Kind = ExprCall
				if err := p.arguments(&e); err != nil {
					return Expr{}, err
				}
			}
			// method calls on a call's result: sa.BigInteger().with_variant(sa.Integer(), 'sqlite')
			for e.Kind == ExprCall && p.isOp(".") && p.i+2 < len(p.toks) && p.toks[p.i+1].kind == tName && p.toks[p.i+2].text == "(" {
				recv := e
				e = Expr{Kind: ExprCall, Value: p.toks[p.i+1].text, Recv: &recv, Line: t.line}
				p.i += 3
				if err := p.arguments(&e); err != nil {
					return Expr{}, err
				}
			}
		}
	case t.kind == tOp && t.text == "{":
		p.i++
		e = Expr{Kind: ExprDict, Line: t.line}
		for !p.isOp("}") {
			k, err := p.expr()
			if err != nil {
				return Expr{}, err
			}
			if k.Kind != ExprString || !p.isOp(":") {
				return Expr{}, p.errorf(t, "unsupported dict: keys must be string literals")
			}
			p.i++
			v, err := p.expr()
			if err != nil {
				return Expr{}, err
			}
			e.Kwargs = append(e.Kwargs, Kwarg{Name: k.Value, Value: v})
			if !p.isOp(",") {
				break
			}
			p.i++
		}
		if !p.isOp("}") {
			return Expr{}, p.unexpected()
		}
		p.i++
	case t.kind == tOp && (t.text == "(" || t.text == "["):
		p.i++
		closer, kind := ")", ExprTuple
		if t.text == "[" {
			closer, kind = "]", ExprList
		}
		e = Expr{Kind: kind, Line: t.line}
		comma := false
		for !p.isOp(closer) {
			item, err := p.expr()
			if err != nil {
				return Expr{}, err
			}
			e.Args = append(e.Args, item)
			if !p.isOp(",") {
				break
			}
			comma = true
			p.i++
		}
		if !p.isOp(closer) {
			return Expr{}, p.unexpected()
		}
		p.i++
		if kind == ExprTuple && len(e.Args) == 1 && !comma {
			e = e.Args[0] // parentheses around one expression
		}
	default:
		return Expr{}, p.unexpected()
	}
	if t, ok := p.peek(); ok && t.kind == tOp && t.text != "," && t.text != ")" && t.text != "]" && t.text != "}" && t.text != ":" {
		return Expr{}, p.errorf(t, "unsupported expression: %q after %s", t.text, e.String())
	}
	return e, nil
}

func (p *exprParser) unexpected() error {
	t, ok := p.peek()
	if !ok {
		t = p.toks[len(p.toks)-1]
		return p.errorf(t, "unexpected end of statement after %q", t.text)
	}
	return p.errorf(t, "unsupported expression at %q", t.text)
}

// arguments reads a call's arguments after its "(" up to and including the ")". An
// expression it cannot read is named with the call it is in.
func (p *exprParser) arguments(call *Expr) error {
	err := p.argumentList(call)
	var pe *exprError
	if errors.As(err, &pe) && !pe.named {
		pe.msg += " in " + call.Value + "(...)"
		pe.named = true
	}
	return err
}

func (p *exprParser) argumentList(call *Expr) error {
	for !p.isOp(")") {
		if t, ok := p.peek(); ok && t.kind == tName && p.i+1 < len(p.toks) && p.toks[p.i+1].kind == tOp && p.toks[p.i+1].text == "=" {
			p.i += 2
			v, err := p.expr()
			if err != nil {
				return err
			}
			call.Kwargs = append(call.Kwargs, Kwarg{Name: t.text, Value: v})
		} else {
			if len(call.Kwargs) > 0 {
				return p.errorf(t, "positional argument after keyword argument in %s(...)", call.Value)
			}
			v, err := p.expr()
			if err != nil {
				return err
			}
			call.Args = append(call.Args, v)
		}
		if !p.isOp(",") {
			break
		}
		p.i++
	}
	if !p.isOp(")") {
		return p.unexpected()
	}
	p.i++
	return nil
}

// ExecuteSQL returns the statement of an op.execute call: its argument is a string, or
// text(...)/sa.text(...)/sqlalchemy.text(...) of one. A trailing ";" is dropped.
func ExecuteSQL(c Call) (string, error) {
	var arg Expr
	if len(c.Args) == 1 && len(c.Kwargs) == 0 {
		arg = c.Args[0]
	}
	if arg.Kind == ExprCall && isTextFunc(arg.Value) && len(arg.Args) == 1 && len(arg.Kwargs) == 0 {
		arg = arg.Args[0]
	}
	if arg.Kind != ExprString {
		return "", fmt.Errorf("%s: op.execute() needs one string literal or sa.text(\"...\") argument", c.Where())
	}
	return strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(arg.Value), ";")), nil
}

func isTextFunc(name string) bool {
	return name == "text" || name == "sa.text" || name == "sqlalchemy.text"
}
