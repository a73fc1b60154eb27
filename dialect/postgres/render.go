package postgres

import (
	"slices"
	"strings"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/schema"
)

// pgIdent quotes a name as the runtime does (SQLAlchemy's rules).
var pgIdent = Dialect{}.QuoteIdent

// Render implements dialect.Renderer for PostgreSQL: every op is plain DDL, run in order.
func (Dialect) Render(ops []schema.Op) string {
	var b dialect.SQLScript
	for _, o := range ops {
		b.Block()
		b.Warn(o.Warnings())
		switch o.Kind {
		case schema.CreateEnum:
			b.Stmt("CREATE TYPE %s AS ENUM %s", pgName(o.Enum.Schema, o.Enum.Name), pgLiterals(o.Enum.Values))
		case schema.DropEnum:
			b.Stmt("DROP TYPE %s", pgName(o.Enum.Schema, o.Enum.Name))
		case schema.AlterEnum:
			pgAlterEnum(&b, o)
		case schema.CreateTable:
			pgCreateTable(&b, o.Table)
		case schema.DropTable:
			b.Stmt("DROP TABLE %s", pgTable(o.Table))
		case schema.AlterTable:
			for _, c := range o.Changes {
				pgChange(&b, o.Table, c)
			}
		}
	}
	return b.String()
}

// AltersConstraints implements dialect.Renderer.
func (Dialect) AltersConstraints() bool { return true }

func pgTable(t *schema.Table) string { return pgName(t.Schema, t.Name) }

func pgName(schemaName, name string) string {
	if schemaName == "" {
		return pgIdent(name)
	}
	return pgIdent(schemaName) + "." + pgIdent(name)
}

func pgLiterals(vals []string) string {
	q := make([]string, len(vals))
	for i, v := range vals {
		q[i] = dialect.Literal(v)
	}
	return "(" + strings.Join(q, ", ") + ")"
}

var pgSerialTypes = map[string]string{"integer": "serial", "bigint": "bigserial", "smallint": "smallserial"}

func pgColumnDef(c *schema.Column) string {
	typ := c.Type
	if s, ok := pgSerialTypes[c.Type]; ok && c.Serial {
		typ = s
	}
	def := pgIdent(c.Name) + " " + typ + pgCollate(c)
	if c.Generated != "" {
		def += " GENERATED ALWAYS AS (" + c.Generated + ") STORED"
	}
	if c.Identity != "" {
		def += " GENERATED " + c.Identity + " AS IDENTITY"
	}
	if c.Default != "" {
		def += " DEFAULT " + c.Default
	}
	if c.NotNull {
		def += " NOT NULL"
	}
	return def
}

func pgCollate(c *schema.Column) string {
	if c.Collation == "" {
		return ""
	}
	return " COLLATE " + c.Collation
}

func pgConstraintDef(k *schema.Constraint) string {
	return "CONSTRAINT " + pgIdent(k.Name) + " " + k.Def
}

func pgCreateTable(b *dialect.SQLScript, t *schema.Table) {
	var items []string
	for _, c := range t.Columns {
		items = append(items, pgColumnDef(c))
	}
	if t.PrimaryKey != nil {
		items = append(items, pgConstraintDef(t.PrimaryKey))
	}
	for _, k := range t.Uniques {
		items = append(items, pgConstraintDef(k))
	}
	for _, k := range t.Checks {
		items = append(items, pgConstraintDef(k))
	}
	for _, fk := range t.ForeignKeys {
		items = append(items, pgConstraintDef(&fk.Constraint))
	}
	b.Stmt("CREATE TABLE %s (\n    %s\n)", pgTable(t), strings.Join(items, ",\n    "))
	for _, ix := range t.Indexes {
		pgCreateIndex(b, t, ix)
	}
	if t.Comment != "" {
		b.Stmt("COMMENT ON TABLE %s IS %s", pgTable(t), dialect.Literal(t.Comment))
	}
	for _, c := range t.Columns {
		if c.Comment != "" {
			b.Stmt("COMMENT ON COLUMN %s.%s IS %s", pgTable(t), pgIdent(c.Name), dialect.Literal(c.Comment))
		}
	}
}

func pgCreateIndex(b *dialect.SQLScript, t *schema.Table, ix *schema.Index) {
	unique := ""
	if ix.Unique {
		unique = "UNIQUE "
	}
	b.Stmt("CREATE %sINDEX %s ON %s %s", unique, pgIdent(ix.Name), pgTable(t), ix.Def)
}

func pgComment(s string) string {
	if s == "" {
		return "NULL"
	}
	return dialect.Literal(s)
}

func pgChange(b *dialect.SQLScript, t *schema.Table, c schema.Change) {
	tn := pgTable(t)
	switch c.Kind {
	case schema.AddColumn:
		b.Stmt("ALTER TABLE %s ADD COLUMN %s", tn, pgColumnDef(c.Column))
		if c.Column.Comment != "" {
			b.Stmt("COMMENT ON COLUMN %s.%s IS %s", tn, pgIdent(c.Column.Name), dialect.Literal(c.Column.Comment))
		}
	case schema.DropColumn:
		b.Stmt("ALTER TABLE %s DROP COLUMN %s", tn, pgIdent(c.Column.Name))
	case schema.AlterColumn:
		pgAlterColumn(b, t, c.FromColumn, c.Column)
	case schema.AddPrimaryKey, schema.AddUnique, schema.AddCheck:
		b.Stmt("ALTER TABLE %s ADD %s", tn, pgConstraintDef(c.Constraint))
	case schema.AddForeignKey:
		b.Stmt("ALTER TABLE %s ADD %s", tn, pgConstraintDef(&c.ForeignKey.Constraint))
	case schema.DropPrimaryKey, schema.DropUnique, schema.DropCheck:
		b.Stmt("ALTER TABLE %s DROP CONSTRAINT %s", tn, pgIdent(c.Constraint.Name))
	case schema.DropForeignKey:
		b.Stmt("ALTER TABLE %s DROP CONSTRAINT %s", tn, pgIdent(c.ForeignKey.Name))
	case schema.CreateIndex:
		pgCreateIndex(b, t, c.Index)
	case schema.DropIndex:
		b.Stmt("DROP INDEX %s", pgName(t.Schema, c.Index.Name))
	case schema.SetTableComment:
		b.Stmt("COMMENT ON TABLE %s IS %s", tn, pgComment(c.Comment))
	}
}

// pgAlterColumn changes one column from a to z. The default goes first and comes back
// last because a default may not survive a type change; a serial's sequence keeps
// PostgreSQL's own name for it (<table>_<column>_seq).
func pgAlterColumn(b *dialect.SQLScript, t *schema.Table, a, z *schema.Column) {
	tn, cn := pgTable(t), pgIdent(z.Name)
	alter := func(format string, args ...any) {
		b.Stmt("ALTER TABLE %s ALTER COLUMN %s "+format, append([]any{tn, cn}, args...)...)
	}
	seq := pgName(t.Schema, t.Name+"_"+z.Name+"_seq")
	typeChanges := a.Type != z.Type
	dropDefault := a.Default != "" && (z.Default == "" || typeChanges)
	if dropDefault {
		alter("DROP DEFAULT")
	}
	if a.Identity != "" && z.Identity == "" {
		alter("DROP IDENTITY")
	}
	if a.Serial && !z.Serial {
		alter("DROP DEFAULT")
		b.Stmt("DROP SEQUENCE %s", seq)
	}
	if typeChanges || a.Collation != z.Collation {
		alter("TYPE %s%s USING %s::%s", z.Type, pgCollate(z), cn, z.Type)
	}
	if a.NotNull != z.NotNull {
		if z.NotNull {
			alter("SET NOT NULL")
		} else {
			alter("DROP NOT NULL")
		}
	}
	if !a.Serial && z.Serial {
		b.Stmt("CREATE SEQUENCE %s OWNED BY %s.%s", seq, tn, cn)
		alter("SET DEFAULT nextval(%s::regclass)", dialect.Literal(strings.Trim(seq, `"`)))
		b.Stmt("SELECT setval(%s, COALESCE(MAX(%s), 0) + 1, false) FROM %s", dialect.Literal(strings.Trim(seq, `"`)), cn, tn)
	}
	switch {
	case a.Identity == "" && z.Identity != "":
		alter("ADD GENERATED %s AS IDENTITY", z.Identity)
		// start after the rows already there
		b.Stmt("SELECT setval(pg_get_serial_sequence(%s, %s), COALESCE(MAX(%s), 0) + 1, false) FROM %s",
			dialect.Literal(tn), dialect.Literal(z.Name), cn, tn)
	case a.Identity != "" && z.Identity != "" && a.Identity != z.Identity:
		alter("SET GENERATED %s", z.Identity)
	}
	if z.Default != "" && (z.Default != a.Default || dropDefault) {
		alter("SET DEFAULT %s", z.Default)
	}
	if a.Comment != z.Comment {
		b.Stmt("COMMENT ON COLUMN %s.%s IS %s", tn, cn, pgComment(z.Comment))
	}
}

// pgAlterEnum adds values in place when the new list only inserts values; otherwise
// (values removed or reordered) it recreates the type and converts its columns, which
// fails on rows holding a removed value.
func pgAlterEnum(b *dialect.SQLScript, o schema.Op) {
	name := pgName(o.Enum.Schema, o.Enum.Name)
	if isInsertion(o.FromEnum.Values, o.Enum.Values) {
		for i, v := range o.Enum.Values {
			if slices.Contains(o.FromEnum.Values, v) {
				continue
			}
			if i > 0 {
				b.Stmt("ALTER TYPE %s ADD VALUE %s AFTER %s", name, dialect.Literal(v), dialect.Literal(o.Enum.Values[i-1]))
			} else {
				b.Stmt("ALTER TYPE %s ADD VALUE %s BEFORE %s", name, dialect.Literal(v), dialect.Literal(o.Enum.Values[1]))
			}
		}
		return
	}
	old := o.Enum.Name + "_retort_old"
	b.Stmt("ALTER TYPE %s RENAME TO %s", name, pgIdent(old))
	b.Stmt("CREATE TYPE %s AS ENUM %s", name, pgLiterals(o.Enum.Values))
	for _, u := range o.Users {
		tn, cn := pgTable(u.Table), pgIdent(u.Column.Name)
		if u.Column.Default != "" {
			b.Stmt("ALTER TABLE %s ALTER COLUMN %s DROP DEFAULT", tn, cn)
		}
		typ, via := name, "text"
		if strings.HasSuffix(u.Column.Type, "[]") {
			typ, via = name+"[]", "text[]"
		}
		b.Stmt("ALTER TABLE %s ALTER COLUMN %s TYPE %s USING %s::%s::%s", tn, cn, typ, cn, via, typ)
		// a default naming a removed value is left out: the column's own change sets the new one
		if u.Column.Default != "" && defaultInEnum(u.Column.Default, o.Enum.Values) {
			b.Stmt("ALTER TABLE %s ALTER COLUMN %s SET DEFAULT %s", tn, cn, u.Column.Default)
		}
	}
	b.Stmt("DROP TYPE %s", pgName(o.Enum.Schema, old))
}

// isInsertion reports whether z is a with values inserted (a's order kept).
func isInsertion(a, z []string) bool {
	i := 0
	for _, v := range z {
		if i < len(a) && a[i] == v {
			i++
		} else if slices.Contains(a, v) {
			return false
		}
	}
	return i == len(a)
}

// defaultInEnum reports whether a default such as 'ok'::mood names one of values; a
// default of another form (an expression) is kept.
func defaultInEnum(def string, values []string) bool {
	if !strings.HasPrefix(def, "'") {
		return true
	}
	end := strings.Index(def[1:], "'::")
	if end < 0 {
		return true
	}
	return slices.Contains(values, strings.ReplaceAll(def[1:end+1], "''", "'"))
}
