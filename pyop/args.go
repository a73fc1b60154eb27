package pyop

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/retort-dev/retort/revision"
)

// signature is a Python function's parameters: named ones in positional order (the first
// `required` must be given), keyword-only ones, and whether the database options
// <dialect>_<name> are accepted. Ignored parameters are accepted but change no SQL
// (existing_type, Python-side defaults, ...).
type signature struct {
	params   []string
	required int
	keywords []string
	ignored  []string
	dialect  bool
	// tableOptions: any <dialect>_<option> of MySQL and MariaDB (mysql_engine=...) is
	// kept, in order, in bound.options
	tableOptions bool
	varargs      string // name under which extra positional arguments are kept ("" = none allowed)
}

// bound is a call's arguments by parameter name.
type bound struct {
	what    string // the callee as written, for messages
	line    int
	args    map[string]revision.Expr
	rest    []revision.Expr   // varargs
	dialect map[string]string // <dialect>_<option>: value as SQL text
	options [][2]string       // table options, in the order written
}

type argError struct {
	line int
	msg  string
}

func (e *argError) Error() string { return e.msg }

func errAt(line int, format string, args ...any) error {
	return &argError{line: line, msg: fmt.Sprintf(format, args...)}
}

// bind matches a call's arguments to sig, as Python would, and rejects unknown ones.
func bind(e revision.Expr, sig signature) (*bound, error) {
	b := &bound{what: e.Value, line: e.Line, args: map[string]revision.Expr{}}
	for i, a := range e.Args {
		if i < len(sig.params) {
			b.args[sig.params[i]] = a
			continue
		}
		if sig.varargs == "" {
			return nil, errAt(a.Line, "%s() takes at most %d positional arguments", e.Value, len(sig.params))
		}
		b.rest = append(b.rest, a)
	}
	for _, k := range e.Kwargs {
		switch {
		case slices.Contains(sig.params, k.Name) || slices.Contains(sig.keywords, k.Name):
			if _, dup := b.args[k.Name]; dup {
				return nil, errAt(k.Value.Line, "%s() got multiple values for argument %s", e.Value, k.Name)
			}
			b.args[k.Name] = k.Value
		case slices.Contains(sig.ignored, k.Name):
		case sig.tableOptions && (strings.HasPrefix(k.Name, "mysql_") || strings.HasPrefix(k.Name, "mariadb_")):
			v, err := optionValue(k.Value)
			if err != nil {
				return nil, errAt(k.Value.Line, "%s(%s=...): %v", e.Value, k.Name, err)
			}
			b.options = append(b.options, [2]string{k.Name, v})
		case sig.dialect && dialectOption(k.Name):
			v, err := sqlText(k.Value)
			if names, ok := stringItems(k.Value); ok { // postgresql_include=['a', 'b']
				v, err = strings.Join(names, ","), nil
			} else if k.Value.Kind == revision.ExprNumber {
				v, err = k.Value.Value, nil // mysql_length=10
			}
			if err != nil {
				return nil, errAt(k.Value.Line, "%s(%s=...): %v", e.Value, k.Name, err)
			}
			if b.dialect == nil {
				b.dialect = map[string]string{}
			}
			b.dialect[k.Name] = v
		default:
			return nil, errAt(k.Value.Line, "%s(): unsupported argument %s", e.Value, k.Name)
		}
	}
	for _, p := range sig.params[:sig.required] {
		if _, ok := b.args[p]; !ok {
			return nil, errAt(e.Line, "%s() missing required argument %s", e.Value, p)
		}
	}
	return b, nil
}

// dialectOption reports whether a keyword is an index option retort renders; the
// database whose prefix it has uses it, the others ignore it, as SQLAlchemy does.
// Others (postgresql_concurrently, postgresql_ops, ...) are errors rather than dropped.
func dialectOption(name string) bool {
	switch name {
	case "postgresql_where", "postgresql_using", "sqlite_where", "postgresql_include",
		"mysql_length", "mysql_prefix", "mysql_using", "mariadb_length", "mariadb_prefix":
		return true
	}
	return false
}

// stringItems returns the items of a list or tuple of string literals.
func stringItems(e revision.Expr) ([]string, bool) {
	if e.Kind != revision.ExprList && e.Kind != revision.ExprTuple {
		return nil, false
	}
	out := make([]string, len(e.Args))
	for i, a := range e.Args {
		if a.Kind != revision.ExprString {
			return nil, false
		}
		out[i] = a.Value
	}
	return out, true
}

// sqlExpressionModules are where sa.false() and sa.true() are imported from.
var sqlExpressionModules = map[string]bool{"": true, "sa": true, "sqlalchemy": true, "sa.sql": true, "sqlalchemy.sql": true,
	"sa.sql.expression": true, "sqlalchemy.sql.expression": true, "expression": true}

func (b *bound) has(name string) bool {
	e, ok := b.args[name]
	return ok && e.Kind != revision.ExprNone
}

func (b *bound) errf(name, format string, args ...any) error {
	line := b.line
	if e, ok := b.args[name]; ok {
		line = e.Line
	}
	return errAt(line, "%s(%s=...): %s", b.what, name, fmt.Sprintf(format, args...))
}

// str returns a string argument, "" when absent or None.
func (b *bound) str(name string) (string, error) {
	e, ok := b.args[name]
	if !ok || e.Kind == revision.ExprNone {
		return "", nil
	}
	if e.Kind != revision.ExprString {
		return "", b.errf(name, "must be a string, not %s", e)
	}
	return e.Value, nil
}

// name returns a constraint or index name: a string, op.f("...") of one (names are used
// as given, without a naming convention) or None.
func (b *bound) name(arg string) (string, error) {
	e, ok := b.args[arg]
	if ok && e.Kind == revision.ExprCall && strings.HasSuffix(e.Value, ".f") && len(e.Args) == 1 && len(e.Kwargs) == 0 {
		e = e.Args[0]
		b.args[arg] = e
	}
	return b.str(arg)
}

// strings returns a list or tuple of strings (a single string counts as one).
func (b *bound) strings(name string) ([]string, error) {
	e, ok := b.args[name]
	if !ok || e.Kind == revision.ExprNone {
		return nil, nil
	}
	if e.Kind == revision.ExprString {
		return []string{e.Value}, nil
	}
	if e.Kind != revision.ExprList && e.Kind != revision.ExprTuple {
		return nil, b.errf(name, "must be a list of strings, not %s", e)
	}
	out := make([]string, len(e.Args))
	for i, a := range e.Args {
		if a.Kind != revision.ExprString {
			return nil, b.errf(name, "must be a list of strings, not %s", e)
		}
		out[i] = a.Value
	}
	return out, nil
}

// boolean returns a True/False argument; ok is false when absent or None.
func (b *bound) boolean(name string) (v, ok bool, err error) {
	e, present := b.args[name]
	if !present || e.Kind == revision.ExprNone {
		return false, false, nil
	}
	if e.Kind != revision.ExprBool {
		return false, false, b.errf(name, "must be True, False or None, not %s", e)
	}
	return e.Value == "True", true, nil
}

// integer returns an integer argument, def when absent or None.
func (b *bound) integer(name string, def int) (int, error) {
	e, ok := b.args[name]
	if !ok || e.Kind == revision.ExprNone {
		return def, nil
	}
	n, err := strconv.Atoi(e.Value)
	if e.Kind != revision.ExprNumber || err != nil {
		return 0, b.errf(name, "must be an integer, not %s", e)
	}
	return n, nil
}

// sqlText evaluates SQL given as a string or as sa.text(...)/sa.literal_column(...) of one.
func sqlText(e revision.Expr) (string, error) {
	if e.Kind == revision.ExprCall && len(e.Args) == 1 && len(e.Kwargs) == 0 && isSQLFunc(e.Value) {
		e = e.Args[0]
	}
	if e.Kind != revision.ExprString {
		return "", fmt.Errorf("must be a string or sa.text(\"...\"), not %s", e)
	}
	return e.Value, nil
}

// optionValue reads a table option's value: a string or a number, as written.
func optionValue(e revision.Expr) (string, error) {
	if e.Kind != revision.ExprString && e.Kind != revision.ExprNumber {
		return "", fmt.Errorf("must be a string or a number, not %s", e)
	}
	return e.Value, nil
}

func isSQLFunc(name string) bool {
	_, fn := splitModule(name)
	return (fn == "text" || fn == "literal_column") && sqlalchemyModules[moduleOf(name)]
}

// sqlalchemyModules are the module names revisions import SQLAlchemy under.
var sqlalchemyModules = map[string]bool{"": true, "sa": true, "sqlalchemy": true, "sqlalchemy.sql": true, "sqlalchemy.schema": true, "sqlalchemy.types": true}

func moduleOf(name string) string { m, _ := splitModule(name); return m }

func splitModule(name string) (string, string) {
	i := strings.LastIndexByte(name, '.')
	if i < 0 {
		return "", name
	}
	return name[:i], name[i+1:]
}
