package sqlite

import (
	"strings"

	"github.com/retort-dev/retort/sqlscript"
)

// SQLite keeps each table's CREATE statement as written; its pragmas do not tell CHECK
// constraints, constraint names, generated expressions or partial-index predicates, so
// those are read from the stored statement, from the SQL token stream under SQLite's rules.

type sqlToken struct {
	text       string
	start, end int  // byte offsets in the source
	ident      bool // bare word or quoted identifier (text is then unquoted)
	quoted     bool
}

// sqlTokens reads src from the SQL token stream under SQLite's rules, skipping
// whitespace and comments. Tokens are the reader's: a number glued to a word is one word
// (1e5, 2x), a two-character operator one token, so spacing does not split them. An
// unterminated construct ends the tokens (SQLite stores only statements it parsed).
func sqlTokens(src string) []sqlToken {
	var toks []sqlToken
	lx := sqlscript.NewLexer(src, sqlscript.SQLite)
	for t := lx.Next(); t.Kind != sqlscript.EOF && t.Kind != sqlscript.Error; t = lx.Next() {
		text := lx.Text(t)
		var prev *sqlToken
		if n := len(toks); n > 0 && toks[n-1].end == t.Start {
			prev = &toks[n-1]
		}
		switch t.Kind {
		case sqlscript.Word, sqlscript.Number:
			if prev != nil && prev.ident && !prev.quoted {
				prev.text, prev.end = src[prev.start:t.End], t.End
				continue
			}
			toks = append(toks, sqlToken{text: text, start: t.Start, end: t.End, ident: true})
		case sqlscript.Quoted:
			toks = append(toks, sqlToken{text: sqlscript.Unquote(text), start: t.Start, end: t.End, ident: true, quoted: true})
		case sqlscript.String:
			toks = append(toks, sqlToken{text: text, start: t.Start, end: t.End})
		default:
			if prev != nil && !prev.ident && prev.end-prev.start == 1 && twoCharOps[src[prev.start:t.End]] {
				prev.text, prev.end = src[prev.start:t.End], t.End
				continue
			}
			toks = append(toks, sqlToken{text: text, start: t.Start, end: t.End})
		}
	}
	return toks
}

var twoCharOps = map[string]bool{"<>": true, "<=": true, ">=": true, "!=": true, "==": true, "||": true, "<<": true, ">>": true}

func isWordByte(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func (t sqlToken) is(word string) bool {
	return t.ident && !t.quoted && strings.EqualFold(t.text, word)
}

// normExpr renders tokens in one canonical spelling: identifiers and keywords lower case
// and unquoted where that is safe, one space between tokens except around ( ) , .
// Two expressions SQLite treats alike but that were written differently compare equal.
func normExpr(toks []sqlToken) string {
	var b strings.Builder
	prev := ""
	for _, t := range toks {
		text := t.text
		if t.ident {
			text = normIdent(t)
		}
		if b.Len() > 0 && prev != "(" && prev != "." && text != ")" && text != "," && text != "." && !(text == "(" && isFuncName(prev)) {
			b.WriteByte(' ')
		}
		b.WriteString(text)
		prev = text
	}
	return b.String()
}

// isFuncName reports whether an identifier before "(" is a function name to keep glued.
func isFuncName(prev string) bool {
	if prev == "" || !isWordByte(prev[0]) {
		return false
	}
	switch prev {
	case "and", "or", "not", "in", "check", "exists", "then", "else", "when", "as", "is", "like", "between", "case", "on":
		return false
	}
	return true
}

func normIdent(t sqlToken) string {
	s := strings.ToLower(t.text)
	if !t.quoted {
		return s
	}
	for i := 0; i < len(s); i++ {
		if !isWordByte(s[i]) {
			return `"` + strings.ReplaceAll(t.text, `"`, `""`) + `"`
		}
	}
	return s
}

// splitTopLevel splits toks at commas outside parentheses.
func splitTopLevel(toks []sqlToken) [][]sqlToken {
	var parts [][]sqlToken
	depth, from := 0, 0
	for i, t := range toks {
		switch t.text {
		case "(":
			if !t.ident {
				depth++
			}
		case ")":
			if !t.ident {
				depth--
			}
		case ",":
			if depth == 0 && !t.ident {
				parts = append(parts, toks[from:i])
				from = i + 1
			}
		}
	}
	return append(parts, toks[from:])
}

// matchParen returns the index of the ")" closing the "(" at toks[open], or len(toks).
func matchParen(toks []sqlToken, open int) int {
	depth := 0
	for i := open; i < len(toks); i++ {
		if toks[i].ident {
			continue
		}
		switch toks[i].text {
		case "(":
			depth++
		case ")":
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return len(toks)
}

// sqliteTableDDL is what the stored CREATE TABLE says beyond the pragmas.
type sqliteTableDDL struct {
	nameStart, nameEnd int // byte span of the table name, for renaming in a rebuild
	columnDefs         map[string]string
	generated          map[string]string // column (lower case) -> expression
	collation          map[string]string // column (lower case) -> collation (upper case)
	checks             []*constraintText
	named              map[string]string // "unique|a,b" / "fk|a" / "pk" -> constraint name
	autoincrement      bool
	options            string // after the column list: "WITHOUT ROWID, STRICT"
}

type constraintText struct{ name, def string }

// parseSQLiteTable reads a stored CREATE TABLE statement.
func parseSQLiteTable(src string) *sqliteTableDDL {
	d := &sqliteTableDDL{columnDefs: map[string]string{}, generated: map[string]string{}, collation: map[string]string{}, named: map[string]string{}}
	toks := sqlTokens(src)
	open := -1
	for i, t := range toks {
		if !t.ident && t.text == "(" {
			open = i
			break
		}
	}
	if open < 1 {
		return d
	}
	name := toks[open-1]
	d.nameStart, d.nameEnd = name.start, name.end
	if open >= 3 && toks[open-2].text == "." && !toks[open-2].ident { // schema.table
		d.nameStart = toks[open-3].start
	}
	closeAt := matchParen(toks, open)
	if closeAt+1 < len(toks) {
		var opts []string
		for _, part := range splitTopLevel(toks[closeAt+1:]) {
			opts = append(opts, strings.ToUpper(normExpr(part)))
		}
		d.options = strings.Join(opts, ", ")
	}
	for _, item := range splitTopLevel(toks[open+1 : closeAt]) {
		if len(item) == 0 {
			continue
		}
		cname := ""
		body := item
		if item[0].is("constraint") && len(item) > 2 {
			cname, body = item[1].text, item[2:]
		}
		switch {
		case body[0].is("primary"):
			if cname != "" {
				d.named["pk"] = cname
			}
			d.autoincrement = d.autoincrement || hasWord(body, "autoincrement")
		case body[0].is("unique"):
			if cname != "" {
				d.named["unique|"+parenIdents(body)] = cname
			}
		case body[0].is("foreign"):
			if cname != "" {
				d.named["fk|"+parenIdents(body)] = cname
			}
		case body[0].is("check"):
			d.checks = append(d.checks, checkAt(body, 0, cname))
		default:
			d.parseColumn(src, item)
		}
	}
	return d
}

// parseColumn records a column definition's text, generated expression and CHECKs.
func (d *sqliteTableDDL) parseColumn(src string, item []sqlToken) {
	col := strings.ToLower(item[0].text)
	d.columnDefs[col] = src[item[0].start:item[len(item)-1].end]
	cname := ""
	for i := 1; i < len(item); i++ {
		t := item[i]
		switch {
		case t.is("constraint") && i+1 < len(item):
			cname = item[i+1].text
			i++
			continue
		case t.is("check"):
			d.checks = append(d.checks, checkAt(item, i, cname))
		case t.is("collate") && i+1 < len(item):
			d.collation[col] = strings.ToUpper(item[i+1].text)
		case t.is("as") && i+1 < len(item) && item[i+1].text == "(":
			end := matchParen(item, i+1)
			d.generated[col] = normExpr(trimParens(item[i+1 : min(end+1, len(item))]))
		case t.is("primary"):
			if cname != "" {
				d.named["pk"] = cname
			}
			d.autoincrement = d.autoincrement || hasWord(item[i:], "autoincrement")
		case t.is("unique") && cname != "":
			d.named["unique|"+col] = cname
		case t.is("references") && cname != "":
			d.named["fk|"+col] = cname
		}
		cname = ""
	}
}

// checkAt reads "CHECK (expr)" starting at toks[i].
func checkAt(toks []sqlToken, i int, name string) *constraintText {
	if i+1 >= len(toks) {
		return &constraintText{name: name, def: "CHECK ()"}
	}
	end := matchParen(toks, i+1)
	expr := trimParens(toks[i+1 : min(end+1, len(toks))])
	return &constraintText{name: name, def: "CHECK (" + normExpr(expr) + ")"}
}

// trimParens strips parentheses that enclose the whole of toks.
func trimParens(toks []sqlToken) []sqlToken {
	for len(toks) >= 2 && toks[0].text == "(" && !toks[0].ident && matchParen(toks, 0) == len(toks)-1 {
		toks = toks[1 : len(toks)-1]
	}
	return toks
}

// parenIdents returns the identifiers of the first parenthesised list, lower case, comma joined.
func parenIdents(toks []sqlToken) string {
	for i, t := range toks {
		if !t.ident && t.text == "(" {
			var names []string
			for _, part := range splitTopLevel(toks[i+1 : matchParen(toks, i)]) {
				if len(part) > 0 {
					names = append(names, strings.ToLower(part[0].text))
				}
			}
			return strings.Join(names, ",")
		}
	}
	return ""
}

func hasWord(toks []sqlToken, w string) bool {
	for _, t := range toks {
		if t.is(w) {
			return true
		}
	}
	return false
}

// sqliteIndexDDL is what a stored CREATE INDEX says.
type sqliteIndexDDL struct {
	unique  bool
	columns []string
	where   string
}

func parseSQLiteIndex(src string) sqliteIndexDDL {
	toks := sqlTokens(src)
	var d sqliteIndexDDL
	if len(toks) > 1 && toks[1].is("unique") {
		d.unique = true
	}
	for i, t := range toks {
		if !t.ident && t.text == "(" {
			end := matchParen(toks, i)
			for _, part := range splitTopLevel(toks[i+1 : end]) {
				d.columns = append(d.columns, normExpr(part))
			}
			for j := end + 1; j < len(toks); j++ {
				if toks[j].is("where") {
					d.where = normExpr(toks[j+1:])
					break
				}
			}
			break
		}
	}
	return d
}
