package autogen

// Statement attribution for the schema cache: which table group each desired statement
// belongs to, read from the SQL token stream. Anything not understood with certainty
// makes the whole run uncacheable.

import (
	"slices"
	"strings"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/sqlscript"
)

// statement is one desired statement, run alone so groups can be picked apart.
type statement struct {
	script dialect.Script // the statement as a one-statement script, at its file and line
	group  int            // index into grouping.groups; -1 for a type statement
	epoch  int            // how many type statements precede it
}

// tableGroup is a table's CREATE TABLE and the statements that target it.
type tableGroup struct {
	schema, name string // as written (schema "" when unqualified), identifiers folded
	stmts        []int
	refs         []int // groups whose names its statements mention (foreign keys, types)
	key          string
}

// grouping is the desired statements split into type statements and table groups.
type grouping struct {
	stmts     []statement
	digests   [][]byte // per statement: its group, type epoch and text, hashed
	groups    []*tableGroup
	typeNames []string // names of the types and domains created
	longest   int      // length of the longest name part a statement targets
}

// closure is g and every group it references, transitively.
func (gr *grouping) closure(g int) map[int]bool {
	seen := map[int]bool{}
	var walk func(int)
	walk = func(i int) {
		if seen[i] {
			return
		}
		seen[i] = true
		for _, r := range gr.groups[i].refs {
			walk(r)
		}
	}
	walk(g)
	return seen
}

// maxAttributedName bounds the names attribution compares: they are compared as written,
// and a server truncates a longer name (PostgreSQL at 63 bytes, MySQL refuses more than
// 64), so two names could stand for one table. A dialect with a lower limit says so in
// its name rules (partialScratch checks grouping.longest).
const maxAttributedName = 63

// groupStatements splits scripts into groups. It returns errNoCache for any statement it
// cannot attribute to the types or to exactly one table, and for any name it cannot map
// to a table with certainty. qualified tells whether schema-qualified names may be used
// (a dev database); currentSchema is where unqualified names land.
func groupStatements(scripts []dialect.Script, qualified bool, currentSchema string) (*grouping, error) {
	gr := &grouping{}
	byName := map[[2]string]int{}
	byBare := map[string][]int{}
	type pending struct {
		idx  int
		toks []token
	}
	var tableStmts []pending
	epoch := 0
	for _, sc := range scripts {
		first := sc.FirstLine
		if first == 0 {
			first = 1
		}
		stmts, err := sqlscript.Split(sc.SQL, first)
		if err != nil {
			return nil, errNoCache // the full build reports it
		}
		for _, st := range stmts {
			if strings.TrimSpace(st.SQL) == "" {
				continue
			}
			toks, ok := tokenize(st.SQL)
			if !ok {
				return nil, errNoCache
			}
			kind, target, ok := classify(toks)
			if !ok {
				return nil, errNoCache
			}
			for _, part := range target {
				if len(part) > maxAttributedName {
					return nil, errNoCache
				}
				gr.longest = max(gr.longest, len(part))
			}
			if len(target) > 2 || len(target) == 2 && target[0] == currentSchema {
				// a database name, or a second spelling of an unqualified name
				return nil, errNoCache
			}
			if len(target) == 2 && !qualified {
				return nil, errNoCache // refused by the scratch schema: the full build says why
			}
			s := statement{script: dialect.Script{Name: sc.Name, SQL: st.SQL, FirstLine: st.Line}, group: -1, epoch: epoch}
			name := qualName(target)
			switch kind {
			case kindType:
				epoch++
				if target != nil {
					gr.typeNames = append(gr.typeNames, name[1])
				}
			case kindCreateTable:
				if _, dup := byName[name]; dup {
					return nil, errNoCache
				}
				byName[name] = len(gr.groups)
				byBare[name[1]] = append(byBare[name[1]], len(gr.groups))
				gr.groups = append(gr.groups, &tableGroup{schema: name[0], name: name[1]})
				fallthrough
			case kindTable:
				g, ok := byName[name]
				if !ok {
					return nil, errNoCache // a table not created by the desired schema
				}
				s.group = g
				gr.groups[g].stmts = append(gr.groups[g].stmts, len(gr.stmts))
				tableStmts = append(tableStmts, pending{len(gr.stmts), toks})
			}
			gr.stmts = append(gr.stmts, s)
		}
	}
	for _, p := range tableStmts {
		g := gr.groups[gr.stmts[p.idx].group]
		// A foreign key must point at a desired table: one living elsewhere could change
		// (or vanish) without changing any key.
		for i, t := range p.toks {
			if t.kind != tokWord || t.text != "references" {
				continue
			}
			pp := &parser{toks: p.toks, i: i + 1}
			ref, ok := pp.name()
			if _, known := byName[qualName(ref)]; !ok || len(ref) > 2 || !known {
				return nil, errNoCache
			}
		}
		// Any identifier naming another table makes that table a dependency: REFERENCES
		// targets, and the rare column typed by a table's row type. Over-approximating
		// only costs speed.
		for _, t := range p.toks {
			if t.kind != tokWord && t.kind != tokQuoted {
				continue
			}
			for _, r := range byBare[t.text] {
				if r != gr.stmts[p.idx].group && !slices.Contains(g.refs, r) {
					g.refs = append(g.refs, r)
				}
			}
		}
	}
	return gr, nil
}

func qualName(parts []string) [2]string {
	switch len(parts) {
	case 1:
		return [2]string{"", parts[0]}
	case 2:
		return [2]string{parts[0], parts[1]}
	}
	return [2]string{}
}

type stmtKind int

const (
	kindType        stmtKind = iota // CREATE/ALTER/COMMENT ON TYPE or DOMAIN, CREATE SCHEMA
	kindCreateTable                 // CREATE TABLE name (...)
	kindTable                       // a statement that targets one table
)

// Words that make a table statement depend on something outside its table: LIKE
// clauses (LIKE is reserved, so a bare one is the clause or the operator) and sequences
// named in defaults.
var uncacheableWords = map[string]bool{
	"like": true, "ilike": true, "similar": true, "select": true,
	"nextval": true, "currval": true, "setval": true, "lastval": true, "regclass": true,
}

// Words that make an ALTER TABLE reach beyond its table (inheritance, partitions,
// triggers) or move it (RENAME, SET SCHEMA).
var uncacheableAlterWords = map[string]bool{
	"inherit": true, "attach": true, "detach": true, "rename": true, "schema": true,
	"of": true, "trigger": true, "rule": true, "all": true,
}

var droppableWords = map[string]bool{"default": true, "not": true, "expression": true, "identity": true}

// classify tells what a statement does and which object it targets (one or two name
// parts; nil for type statements, whose names need no attribution). ok is false when
// the statement cannot be attributed with certainty.
func classify(toks []token) (kind stmtKind, target []string, ok bool) {
	p := &parser{toks: toks}
	switch {
	case p.words("create", "type"), p.words("create", "domain"):
		name, ok := p.name()
		return kindType, name, ok
	case p.words("create", "schema"):
		// a bare namespace (dev database); schema elements would need attributing
		p.words("if", "not", "exists")
		if _, ok := p.name(); !ok {
			return 0, nil, false
		}
		if p.words("authorization") {
			p.name()
		}
		return kindType, nil, p.done()
	case p.words("alter", "type"), p.words("alter", "domain"),
		p.words("comment", "on", "type"), p.words("comment", "on", "domain"):
		return kindType, nil, true
	}
	for i, t := range toks {
		if t.kind == tokWord && uncacheableWords[t.text] {
			return 0, nil, false
		}
		// an identity's explicitly named sequence could clash with another table's names
		if t.kind == tokWord && t.text == "sequence" && i+1 < len(toks) && toks[i+1].kind == tokWord && toks[i+1].text == "name" {
			return 0, nil, false
		}
	}
	switch {
	case p.words("create", "table"):
		// a second CREATE TABLE of the same name disables the cache anyway
		p.words("if", "not", "exists")
		name, ok := p.name()
		if !ok || !p.punct("(") || !p.skipParens() || !p.end() && !p.words("with") {
			return 0, nil, false // CREATE TABLE ... AS, OF, PARTITION OF, options
		}
		return kindCreateTable, name, true
	case p.words("create", "index"), p.words("create", "unique", "index"):
		for !p.done() && !p.words("on") {
			p.i++
		}
		p.words("only")
		name, ok := p.name()
		return kindTable, name, ok
	case p.words("alter", "table"):
		p.words("if", "exists")
		p.words("only")
		name, ok := p.name()
		for i, t := range toks {
			if t.kind == tokWord && uncacheableAlterWords[t.text] {
				return 0, nil, false
			}
			// Dropping a column or constraint may drop a name that generated names
			// elsewhere had to avoid; DROP DEFAULT, NOT NULL, EXPRESSION and IDENTITY drop
			// no name.
			if t.kind == tokWord && t.text == "drop" {
				if i+1 >= len(toks) || !droppableWords[toks[i+1].text] || toks[i+1].kind != tokWord {
					return 0, nil, false
				}
			}
		}
		return kindTable, name, ok && !p.done()
	case p.words("comment", "on", "table"):
		name, ok := p.name()
		return kindTable, name, ok && p.words("is")
	case p.words("comment", "on", "column"):
		name, ok := p.name()
		if !ok || len(name) < 2 || !p.words("is") {
			return 0, nil, false
		}
		return kindTable, name[:len(name)-1], true
	case p.words("comment", "on", "constraint"):
		if _, ok := p.name(); !ok || !p.words("on") {
			return 0, nil, false
		}
		name, ok := p.name()
		return kindTable, name, ok && p.words("is")
	}
	return 0, nil, false
}

// parser walks a statement's tokens.
type parser struct {
	toks []token
	i    int
}

func (p *parser) done() bool { return p.i >= len(p.toks) }

// words consumes the given unquoted words if they come next.
func (p *parser) words(ws ...string) bool {
	if p.i+len(ws) > len(p.toks) {
		return false
	}
	for k, w := range ws {
		if t := p.toks[p.i+k]; t.kind != tokWord || t.text != w {
			return false
		}
	}
	p.i += len(ws)
	return true
}

func (p *parser) punct(c string) bool {
	if !p.done() && p.toks[p.i].kind == tokPunct && p.toks[p.i].text == c {
		p.i++
		return true
	}
	return false
}

// end reports whether nothing follows.
func (p *parser) end() bool { return p.done() }

// name consumes a possibly qualified name of up to three parts.
func (p *parser) name() ([]string, bool) {
	var parts []string
	for {
		if p.done() || (p.toks[p.i].kind != tokWord && p.toks[p.i].kind != tokQuoted) {
			return nil, false
		}
		parts = append(parts, p.toks[p.i].text)
		p.i++
		if !p.punct(".") {
			break
		}
	}
	return parts, len(parts) <= 3
}

// skipParens consumes tokens up to the parenthesis closing one just consumed.
func (p *parser) skipParens() bool {
	for depth := 1; !p.done(); p.i++ {
		switch t := p.toks[p.i]; {
		case t.kind == tokPunct && t.text == "(":
			depth++
		case t.kind == tokPunct && t.text == ")":
			depth--
			if depth == 0 {
				p.i++
				return true
			}
		}
	}
	return false
}

type tokKind int

const (
	tokWord   tokKind = iota // unquoted identifier or keyword, folded to lower case
	tokQuoted                // "quoted identifier", verbatim
	tokString                // string literal of any kind
	tokOther                 // number or operator
	tokPunct                 // ( ) , . ;
)

type token struct {
	kind tokKind
	text string
}

// tokenize reads a statement from the token stream under PostgreSQL's rules, whose DDL
// grammar classify reads. ok is false for anything whose meaning it cannot be sure of:
// an unterminated construct, non-ASCII outside quotes (folding rules differ), a word
// glued to '&' (U&"..." identifiers, or an operator it would have to read) or to a
// string other than X'...', B'...' and N'...' (an E'...' string is one token already).
func tokenize(s string) ([]token, bool) {
	lx := sqlscript.NewLexer(s, sqlscript.PostgreSQL)
	var out []token
	for t := lx.Next(); t.Kind != sqlscript.EOF; t = lx.Next() {
		text := lx.Text(t)
		switch t.Kind {
		case sqlscript.Word:
			for i := 0; i < len(text); i++ {
				if text[i] >= 0x80 {
					return nil, false
				}
			}
			w := strings.ToLower(text)
			if t.End < len(s) && (s[t.End] == '&' || s[t.End] == '\'') {
				str := lx.Next()
				if s[t.End] == '&' || str.Kind != sqlscript.String || w != "x" && w != "b" && w != "n" {
					return nil, false
				}
				out = append(out, token{tokString, s[t.Start:str.End]})
				continue
			}
			out = append(out, token{tokWord, w})
		case sqlscript.Quoted:
			out = append(out, token{tokQuoted, sqlscript.Unquote(text)})
		case sqlscript.String:
			out = append(out, token{tokString, text})
		case sqlscript.End:
			out = append(out, token{tokPunct, text})
		case sqlscript.Op:
			if strings.Contains("(),.", text) {
				out = append(out, token{tokPunct, text})
			} else {
				out = append(out, token{tokOther, text})
			}
		case sqlscript.Number:
			out = append(out, token{tokOther, text})
		default: // Error, and what PostgreSQL's rules never give
			return nil, false
		}
	}
	return out, true
}
