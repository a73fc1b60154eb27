package lint

import (
	"strings"

	"github.com/retort-dev/retort/schema"
	"github.com/retort-dev/retort/sqlscript"
)

// model is what lint knows of the schema before a statement: the tables the history
// created so far with their columns' types, and the CHECK (col IS NOT NULL) constraints
// with whether they were validated. It is built from the statements themselves (or
// seeded from a reflected schema), so it needs no database.
type model struct {
	tables map[string]*mtable
}

type mtable struct {
	columns map[string]*colDef
	checks  map[string]*mcheck // by constraint name
}

type mcheck struct {
	column    string
	validated bool
}

func newModel() *model { return &model{tables: map[string]*mtable{}} }

// seed fills the model from a reflected schema (autogenerate knows the live one).
func (m *model) seed(s *schema.Schema, opts sqlscript.Options) {
	if s == nil {
		return
	}
	for _, t := range s.Tables {
		mt := &mtable{columns: map[string]*colDef{}, checks: map[string]*mcheck{}}
		for _, c := range t.Columns {
			mt.columns[strings.ToLower(c.Name)] = &colDef{name: c.Name, typ: normType(tokenize(c.Type, 1, opts)), notNull: c.NotNull}
		}
		for _, ck := range t.Checks {
			toks := tokenize(ck.Def, 1, opts)
			if len(toks) > 1 && toks[0].text == "CHECK" {
				if col := notNullCheckColumn(toks[1:]); col != "" {
					mt.checks[ck.Name] = &mcheck{column: col, validated: true}
				}
			}
		}
		m.tables[strings.ToLower(t.Name)] = mt
	}
}

func (m *model) table(name string) *mtable { return m.tables[name] }

// column returns the known definition of table.column, or nil.
func (m *model) column(table, col string) *colDef {
	if t := m.tables[table]; t != nil {
		return t.columns[col]
	}
	return nil
}

// apply records what s does to the schema.
func (m *model) apply(s *stmt) {
	switch s.kind {
	case sCreateTable:
		t := &mtable{columns: map[string]*colDef{}, checks: map[string]*mcheck{}}
		for i := range s.columns {
			c := s.columns[i]
			t.columns[c.name] = &c
		}
		m.tables[s.table()] = t
	case sDropTable:
		for _, name := range s.tables {
			delete(m.tables, name)
		}
	case sAlterTable:
		t := m.tables[s.table()]
		if t == nil {
			t = &mtable{columns: map[string]*colDef{}, checks: map[string]*mcheck{}}
			m.tables[s.table()] = t
		}
		for _, a := range s.actions {
			m.alter(s.table(), t, a)
		}
	}
}

func (m *model) alter(name string, t *mtable, a action) {
	switch a.kind {
	case aAddColumn:
		c := a.col
		t.columns[c.name] = &c
	case aDropColumn:
		delete(t.columns, a.column)
	case aAlterType:
		if c := t.columns[a.column]; c != nil {
			c.typ = a.col.typ
		}
	case aModifyColumn:
		delete(t.columns, a.column)
		c := a.col
		t.columns[c.name] = &c
	case aSetNotNull, aDropNotNull:
		if c := t.columns[a.column]; c != nil {
			c.notNull = a.kind == aSetNotNull
		}
	case aAddConstraint:
		if a.checkCol != "" {
			t.checks[a.conName] = &mcheck{column: a.checkCol, validated: !a.notValid}
		}
	case aValidate:
		if ck := t.checks[a.conName]; ck != nil {
			ck.validated = true
		}
	case aDropConstraint:
		delete(t.checks, a.conName)
	case aRenameColumn:
		if c := t.columns[a.column]; c != nil {
			delete(t.columns, a.column)
			c.name = a.to
			t.columns[a.to] = c
		}
	case aRenameTable:
		delete(m.tables, name)
		m.tables[a.to] = t
	}
}

// validatedNotNull reports whether table has a validated CHECK (col IS NOT NULL).
func (m *model) validatedNotNull(table, col string) bool {
	t := m.tables[table]
	if t == nil {
		return false
	}
	for _, ck := range t.checks {
		if ck.column == col && ck.validated {
			return true
		}
	}
	return false
}

// typeAliases map spellings of a type to one name, so that the reflected
// "character varying(50)" and the written "VARCHAR(50)" compare equal.
var typeAliases = map[string]string{
	"character varying": "varchar", "char varying": "varchar", "int": "integer", "int4": "integer",
	"int8": "bigint", "int2": "smallint", "decimal": "numeric", "bool": "boolean",
	"timestamp without time zone": "timestamp", "timestamp with time zone": "timestamptz",
	"time without time zone": "time", "time with time zone": "timetz", "float8": "double precision",
	"float4": "real", "bit varying": "varbit", "character": "char",
}

// normType renders type tokens as lower-case text with its alias resolved, e.g.
// "varchar(50)", "numeric(10,2)", "text[]".
func normType(toks []token) string {
	var b strings.Builder
	for i, t := range toks {
		word := t.kind == tWord || t.kind == tIdent
		if i > 0 && word && (toks[i-1].kind == tWord || toks[i-1].kind == tIdent) {
			b.WriteByte(' ')
		}
		switch t.kind {
		case tWord:
			b.WriteString(strings.ToLower(t.raw))
		case tIdent:
			b.WriteString(t.text)
		default:
			b.WriteString(t.text)
		}
	}
	s := b.String()
	base, args, _ := strings.Cut(s, "(")
	if alias, ok := typeAliases[strings.TrimSpace(base)]; ok {
		base = alias
	}
	if args != "" {
		return strings.TrimSpace(base) + "(" + args
	}
	return strings.TrimSpace(base)
}
