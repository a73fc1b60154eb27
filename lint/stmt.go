package lint

import (
	"strings"

	"github.com/retort-dev/retort/sqlscript"
)

// stmtKind is what a statement does, as far as the rules care.
type stmtKind uint8

const (
	sOther stmtKind = iota
	sCreateTable
	sCreateIndex
	sAlterTable
	sDropTable
	sTruncate
	sUpdate
	sDelete
	sInsert
	sDropIndex
	sReindex
)

// stmt is one statement read for the rules.
type stmt struct {
	line int
	sql  string
	toks []token
	kind stmtKind
	// tables are the tables the statement works on (one, except DROP TABLE a, b and
	// TRUNCATE a, b); for INSERT the target, for CREATE INDEX the indexed table.
	tables []string
	// concurrently: CREATE/DROP INDEX CONCURRENTLY, REINDEX ... CONCURRENTLY.
	concurrently bool
	index        string // CREATE INDEX: the index name ("" when unnamed)
	// createTable: the columns of CREATE TABLE (nil for CREATE TABLE ... AS).
	columns []colDef
	// alter: the actions of ALTER TABLE, in order.
	actions []action
	// fromSelect: INSERT ... SELECT; where: UPDATE/DELETE with a WHERE clause.
	fromSelect, where bool
	// algorithm: MySQL's ALGORITHM= clause of ALTER TABLE or CREATE INDEX, upper-cased.
	algorithm string
}

func (s *stmt) table() string {
	if len(s.tables) == 0 {
		return ""
	}
	return s.tables[0]
}

// ddl reports whether the statement changes a table's definition or indexes.
func (s *stmt) ddl() bool {
	switch s.kind {
	case sCreateIndex, sAlterTable, sDropTable, sDropIndex, sReindex:
		return true
	}
	return false
}

type actKind uint8

const (
	aOther actKind = iota
	aAddColumn
	aDropColumn
	aAlterType      // ALTER COLUMN c TYPE t
	aSetNotNull     // ALTER COLUMN c SET NOT NULL
	aDropNotNull    // ALTER COLUMN c DROP NOT NULL
	aSetDefault     // ALTER COLUMN c SET DEFAULT / DROP DEFAULT
	aAddConstraint  // ADD [CONSTRAINT n] PRIMARY KEY / UNIQUE / CHECK / FOREIGN KEY / EXCLUDE
	aValidate       // VALIDATE CONSTRAINT n
	aDropConstraint // DROP CONSTRAINT n
	aRenameColumn
	aRenameTable
	aModifyColumn // MySQL MODIFY / CHANGE
	aConvertCharset
	aDropPrimaryKey
	aAddIndex // MySQL ADD INDEX / KEY / FULLTEXT / SPATIAL
)

// action is one action of ALTER TABLE.
type action struct {
	kind   actKind
	line   int
	column string // the column added, dropped, altered or renamed (old name)
	to     string // RENAME: the new name
	col    colDef // ADD COLUMN, MODIFY/CHANGE: the definition; ALTER TYPE: type only
	using  bool   // ALTER TYPE ... USING
	// constraint: ADD CONSTRAINT's kind ("PRIMARY KEY", "UNIQUE", "CHECK", "FOREIGN KEY",
	// "EXCLUDE"), name, whether NOT VALID, whether USING INDEX, and the CHECK expression.
	conKind    string
	conName    string
	notValid   bool
	usingIndex bool
	checkCol   string // the column of a CHECK (col IS NOT NULL), "" for other checks
	indexKind  string // MySQL ADD INDEX: "", "FULLTEXT", "SPATIAL"
}

// colDef is a column definition.
type colDef struct {
	name       string
	typ        string // normalised type text (see normType)
	notNull    bool
	hasDefault bool
	defToks    []token // the DEFAULT expression
	identity   bool    // GENERATED ... AS IDENTITY, AUTO_INCREMENT
	stored     bool    // GENERATED ALWAYS AS (...) STORED
	generated  bool    // any generated column (virtual included)
}

// parse reads a statement.
func parse(sql string, line int, opts sqlscript.Options) *stmt {
	s := &stmt{line: line, sql: sql, toks: tokenize(sql, line, opts)}
	c := &cursor{toks: s.toks}
	switch {
	case c.accept("CREATE"):
		c.accept("OR", "REPLACE")
		c.acceptAny("UNIQUE", "FULLTEXT", "SPATIAL")
		for c.acceptAny("GLOBAL", "LOCAL", "TEMP", "TEMPORARY", "UNLOGGED") {
		}
		switch {
		case c.accept("TABLE"):
			c.accept("IF", "NOT", "EXISTS")
			s.kind = sCreateTable
			s.tables = []string{c.qname()}
			if c.is("(") {
				s.columns = createColumns(c.group())
			}
		case c.accept("INDEX"):
			s.kind = sCreateIndex
			s.concurrently = c.accept("CONCURRENTLY")
			c.accept("IF", "NOT", "EXISTS")
			if !c.isWord("ON") {
				s.index = c.qname()
			}
			if c.accept("ON") {
				c.accept("ONLY")
				s.tables = []string{c.qname()}
			}
			s.algorithm = algorithm(c.rest())
		}
	case c.accept("ALTER", "TABLE"):
		s.kind = sAlterTable
		c.accept("IF", "EXISTS")
		c.accept("ONLY")
		s.tables = []string{c.qname()}
		c.accept("*")
		rest := c.rest()
		s.algorithm = algorithm(rest)
		for _, part := range splitTop(rest, ",") {
			s.actions = append(s.actions, alterAction(part))
		}
	case c.accept("DROP", "TABLE"):
		s.kind = sDropTable
		c.accept("IF", "EXISTS")
		s.tables = c.nameList()
	case c.accept("DROP", "INDEX"):
		s.kind = sDropIndex
		s.concurrently = c.accept("CONCURRENTLY")
	case c.accept("REINDEX"):
		s.kind = sReindex
		s.concurrently = containsWord(s.toks, "CONCURRENTLY")
	case c.accept("TRUNCATE"):
		s.kind = sTruncate
		c.accept("TABLE")
		c.accept("ONLY")
		s.tables = c.nameList()
	case c.accept("UPDATE"):
		s.kind = sUpdate
		c.accept("ONLY")
		s.tables = []string{c.qname()}
		s.where = containsWord(s.toks, "WHERE")
	case c.accept("DELETE"):
		s.kind = sDelete
		c.accept("FROM")
		c.accept("ONLY")
		s.tables = []string{c.qname()}
		s.where = containsWord(s.toks, "WHERE")
	case c.accept("INSERT") || c.accept("REPLACE"):
		s.kind = sInsert
		c.acceptAny("OR")
		c.acceptAny("IGNORE", "REPLACE", "ABORT", "FAIL", "ROLLBACK")
		c.accept("INTO")
		s.tables = []string{c.qname()}
		if c.is("(") {
			c.group()
		}
		s.fromSelect = c.isWord("SELECT") || c.isWord("WITH") || c.is("(")
	}
	return s
}

// alterAction reads one ALTER TABLE action.
func alterAction(toks []token) action {
	a := action{line: firstLine(toks)}
	c := &cursor{toks: toks}
	switch {
	case c.accept("ADD"):
		switch {
		case c.isWord("CONSTRAINT") || c.isAnyWord("PRIMARY", "UNIQUE", "CHECK", "FOREIGN", "EXCLUDE"):
			a.kind = aAddConstraint
			constraint(&a, c)
		case c.isAnyWord("INDEX", "KEY", "FULLTEXT", "SPATIAL"):
			a.kind = aAddIndex
			if c.isAnyWord("FULLTEXT", "SPATIAL") {
				a.indexKind = c.next().text
			}
		default:
			c.accept("COLUMN")
			c.accept("IF", "NOT", "EXISTS")
			a.kind = aAddColumn
			a.col = columnDef(c.rest())
			a.column = a.col.name
		}
	case c.accept("DROP"):
		switch {
		case c.accept("CONSTRAINT"), c.accept("FOREIGN", "KEY"), c.accept("CHECK"):
			c.accept("IF", "EXISTS")
			a.kind = aDropConstraint
			a.conName = c.qname()
		case c.accept("PRIMARY", "KEY"):
			a.kind = aDropPrimaryKey
		case c.isAnyWord("INDEX", "KEY", "DEFAULT"):
		default:
			c.accept("COLUMN")
			c.accept("IF", "EXISTS")
			a.kind = aDropColumn
			a.column = c.qname()
		}
	case c.accept("ALTER"):
		c.accept("COLUMN")
		a.column = c.qname()
		switch {
		case c.accept("SET", "DATA", "TYPE"), c.accept("TYPE"):
			a.kind = aAlterType
			rest := c.rest()
			var typ []token
			for i, t := range rest {
				if t.kind == tWord && (t.text == "USING" || t.text == "COLLATE") {
					a.using = t.text == "USING"
					break
				}
				typ = rest[:i+1]
			}
			a.col = colDef{name: a.column, typ: normType(typ)}
		case c.accept("SET", "NOT", "NULL"):
			a.kind = aSetNotNull
		case c.accept("DROP", "NOT", "NULL"):
			a.kind = aDropNotNull
		case c.accept("SET", "DEFAULT"), c.accept("DROP", "DEFAULT"):
			a.kind = aSetDefault
		}
	case c.accept("VALIDATE", "CONSTRAINT"):
		a.kind = aValidate
		a.conName = c.qname()
	case c.accept("RENAME"):
		switch {
		case c.accept("TO"), c.accept("AS"):
			a.kind = aRenameTable
			a.to = c.qname()
		case c.accept("CONSTRAINT"), c.isAnyWord("INDEX", "KEY"):
		default:
			c.accept("COLUMN")
			a.kind = aRenameColumn
			a.column = c.qname()
			c.accept("TO")
			a.to = c.qname()
		}
	case c.accept("MODIFY"):
		c.accept("COLUMN")
		a.kind = aModifyColumn
		a.col = columnDef(c.rest())
		a.column = a.col.name
	case c.accept("CHANGE"):
		c.accept("COLUMN")
		a.kind = aModifyColumn
		a.column = c.qname()
		a.col = columnDef(c.rest())
		if a.col.name != a.column {
			a.to = a.col.name
		}
	case c.accept("CONVERT", "TO"):
		a.kind = aConvertCharset
	}
	return a
}

// constraint reads [CONSTRAINT name] <kind> ... [NOT VALID] into a.
func constraint(a *action, c *cursor) {
	if c.accept("CONSTRAINT") {
		if !c.isAnyWord("PRIMARY", "UNIQUE", "CHECK", "FOREIGN", "EXCLUDE") {
			a.conName = c.qname()
		}
	}
	switch {
	case c.accept("PRIMARY", "KEY"):
		a.conKind = "PRIMARY KEY"
	case c.accept("UNIQUE"):
		a.conKind = "UNIQUE"
	case c.accept("CHECK"):
		a.conKind = "CHECK"
		if c.is("(") {
			a.checkCol = notNullCheckColumn(c.group())
		}
	case c.accept("FOREIGN", "KEY"):
		a.conKind = "FOREIGN KEY"
	case c.accept("EXCLUDE"):
		a.conKind = "EXCLUDE"
	}
	rest := c.rest()
	a.notValid = containsSeq(rest, "NOT", "VALID")
	a.usingIndex = containsSeq(rest, "USING", "INDEX")
}

// notNullCheckColumn returns c when the check expression (inside its parentheses) is
// "c IS NOT NULL", possibly parenthesised again; "" otherwise.
func notNullCheckColumn(toks []token) string {
	for len(toks) >= 2 && toks[0].text == "(" && toks[len(toks)-1].text == ")" {
		toks = toks[1 : len(toks)-1]
	}
	if len(toks) == 4 && (toks[0].kind == tWord || toks[0].kind == tIdent) &&
		toks[1].text == "IS" && toks[2].text == "NOT" && toks[3].text == "NULL" {
		return toks[0].name()
	}
	return ""
}

// createColumns reads the column definitions of CREATE TABLE's parenthesised list.
func createColumns(list []token) []colDef {
	cols := []colDef{}
	for _, part := range splitTop(list, ",") {
		if len(part) == 0 {
			continue
		}
		if t := part[0]; t.kind == tWord {
			switch t.text {
			case "CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN", "EXCLUDE", "LIKE", "INDEX", "KEY", "FULLTEXT", "SPATIAL":
				continue
			}
		}
		cols = append(cols, columnDef(part))
	}
	return cols
}

// columnKeywords end a column's type.
var columnKeywords = map[string]bool{
	"NOT": true, "NULL": true, "DEFAULT": true, "PRIMARY": true, "UNIQUE": true, "CHECK": true,
	"REFERENCES": true, "CONSTRAINT": true, "COLLATE": true, "GENERATED": true, "AUTO_INCREMENT": true,
	"AUTOINCREMENT": true, "COMMENT": true, "ON": true, "FIRST": true, "AFTER": true, "AS": true,
	"IDENTITY": true, "CHARACTER": false, "VISIBLE": true, "INVISIBLE": true, "STORED": true, "VIRTUAL": true,
}

// columnDef reads "name type [constraints...]".
func columnDef(toks []token) colDef {
	var d colDef
	if len(toks) == 0 {
		return d
	}
	d.name = toks[0].name()
	i := 1
	depth := 0
	for ; i < len(toks); i++ {
		t := toks[i]
		if t.text == "(" {
			depth++
		} else if t.text == ")" {
			depth--
		}
		if depth == 0 && t.kind == tWord && columnKeywords[t.text] {
			break
		}
	}
	d.typ = normType(toks[1:i])
	rest := toks[i:]
	for j := 0; j < len(rest); j++ {
		t := rest[j]
		if t.kind != tWord {
			continue
		}
		switch t.text {
		case "NOT":
			if j+1 < len(rest) && rest[j+1].text == "NULL" {
				d.notNull = true
			}
		case "PRIMARY":
			d.notNull = true
		case "DEFAULT":
			d.hasDefault = true
			end := j + 1
			depth := 0
			for ; end < len(rest); end++ {
				u := rest[end]
				if u.text == "(" {
					depth++
				} else if u.text == ")" {
					depth--
				}
				if depth == 0 && end > j+1 && u.kind == tWord && columnKeywords[u.text] {
					break
				}
			}
			d.defToks = rest[j+1 : end]
		case "IDENTITY", "AUTO_INCREMENT", "AUTOINCREMENT":
			d.identity = true
		case "GENERATED", "AS":
			if t.text == "GENERATED" || j+1 < len(rest) && rest[j+1].text == "(" {
				d.generated = true
			}
		case "STORED":
			d.stored = true
		}
	}
	if d.identity {
		d.generated = false
	}
	return d
}

// algorithm returns the value of an ALGORITHM= option among toks, upper-cased.
func algorithm(toks []token) string {
	for i, t := range toks {
		if t.kind == tWord && t.text == "ALGORITHM" {
			j := i + 1
			if j < len(toks) && toks[j].text == "=" {
				j++
			}
			if j < len(toks) {
				return strings.ToUpper(toks[j].raw)
			}
		}
	}
	return ""
}

// splitTop splits toks at sep tokens outside parentheses.
func splitTop(toks []token, sep string) [][]token {
	var out [][]token
	depth, start := 0, 0
	for i, t := range toks {
		switch {
		case t.text == "(":
			depth++
		case t.text == ")":
			depth--
		case depth == 0 && t.kind == tPunct && t.text == sep:
			out = append(out, toks[start:i])
			start = i + 1
		}
	}
	return append(out, toks[start:])
}

func containsWord(toks []token, w string) bool {
	for _, t := range toks {
		if t.kind == tWord && t.text == w {
			return true
		}
	}
	return false
}

func containsSeq(toks []token, words ...string) bool {
	for i := 0; i+len(words) <= len(toks); i++ {
		ok := true
		for k, w := range words {
			if toks[i+k].kind != tWord || toks[i+k].text != w {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func firstLine(toks []token) int {
	if len(toks) == 0 {
		return 0
	}
	return toks[0].line
}

// cursor walks tokens.
type cursor struct {
	toks []token
	i    int
}

func (c *cursor) peek() (token, bool) {
	if c.i < len(c.toks) {
		return c.toks[c.i], true
	}
	return token{}, false
}

func (c *cursor) next() token {
	t, _ := c.peek()
	if c.i < len(c.toks) {
		c.i++
	}
	return t
}

func (c *cursor) is(punct string) bool {
	t, ok := c.peek()
	return ok && t.kind == tPunct && t.text == punct
}

func (c *cursor) isWord(w string) bool {
	t, ok := c.peek()
	return ok && t.kind == tWord && t.text == w
}

func (c *cursor) isAnyWord(ws ...string) bool {
	for _, w := range ws {
		if c.isWord(w) {
			return true
		}
	}
	return false
}

// accept consumes the words (or punctuation) when all follow, in order.
func (c *cursor) accept(words ...string) bool {
	if c.i+len(words) > len(c.toks) {
		return false
	}
	for k, w := range words {
		t := c.toks[c.i+k]
		if !(t.kind == tWord || t.kind == tPunct) || t.text != w {
			return false
		}
	}
	c.i += len(words)
	return true
}

func (c *cursor) acceptAny(words ...string) bool {
	for _, w := range words {
		if c.accept(w) {
			return true
		}
	}
	return false
}

// qname reads a possibly qualified name and returns its last part.
func (c *cursor) qname() string {
	t := c.next()
	name := t.name()
	for c.is(".") {
		c.next()
		name = c.next().name()
	}
	return name
}

// nameList reads "a, b.c, d" (stopping at anything else).
func (c *cursor) nameList() []string {
	names := []string{c.qname()}
	for c.is(",") {
		c.next()
		names = append(names, c.qname())
	}
	return names
}

// group consumes a parenthesised group and returns the tokens inside it.
func (c *cursor) group() []token {
	if !c.is("(") {
		return nil
	}
	start := c.i + 1
	depth := 0
	for c.i < len(c.toks) {
		t := c.next()
		if t.kind != tPunct {
			continue
		}
		switch t.text {
		case "(":
			depth++
		case ")":
			depth--
			if depth == 0 {
				return c.toks[start : c.i-1]
			}
		}
	}
	return c.toks[start:]
}

func (c *cursor) rest() []token { return c.toks[c.i:] }
