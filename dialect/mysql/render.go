package mysql

import (
	"regexp"
	"slices"
	"strings"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/schema"
)

// Autogenerate's operations as MySQL DDL. MySQL has no transactional DDL, so every
// statement stands alone and the order matters more than elsewhere:
//   - a column change is MODIFY COLUMN with the whole definition, since MODIFY drops every
//     attribute it does not restate (NOT NULL, DEFAULT, ON UPDATE, AUTO_INCREMENT, COMMENT);
//     an enum is a column type, so its values change the same way;
//   - a foreign key needs an index on its columns: the planner drops keys before the
//     indexes they use and adds them after, and an index a surviving key still needs is
//     replaced in one ALTER TABLE (or the key is dropped around it), since dropping it
//     alone fails (error 1553);
//   - a table is created with its indexes inline (KEY ...), so the server does not make an
//     index of its own for a foreign key that a declared index serves;
//   - table options (engine, character set, collation) are always written out.

// ident quotes a name that either server reserves: a revision may run on both.
func ident(name string) string {
	if q := (Dialect{}).QuoteIdent(name); q != name {
		return q
	}
	return Dialect{MariaDB: true}.QuoteIdent(name)
}

func literal(s string) string { return Dialect{}.Literal(s) }

// Render implements dialect.Inspector.
func (Dialect) Render(ops []schema.Op) string {
	var b dialect.SQLScript
	for _, o := range ops {
		b.Block()
		b.Warn(o.Warnings())
		switch o.Kind {
		case schema.CreateTable:
			b.Stmt("%s", createTable(o.Table))
		case schema.DropTable:
			b.Stmt("DROP TABLE %s", tableName(o.Table))
		case schema.AlterTable:
			alterTable(&b, o)
		default:
			// Enums are column types in MySQL; reflection never reports enum types.
			b.Comment("not supported on MySQL: %s", strings.Join(o.Lines(), "; "))
		}
	}
	return b.String()
}

// AltersConstraints implements dialect.Inspector.
func (Dialect) AltersConstraints() bool { return true }

func tableName(t *schema.Table) string { return qualified(t.Schema, t.Name) }

func qualified(db, name string) string {
	if db == "" {
		return ident(name)
	}
	return ident(db) + "." + ident(name)
}

// columnDef is a column as SHOW CREATE TABLE orders its attributes.
func columnDef(c *schema.Column) string {
	def := ident(c.Name) + " " + c.Type
	if c.Collation != "" {
		def += " COLLATE " + c.Collation
	}
	if c.Generated != "" {
		def += " GENERATED ALWAYS AS (" + c.Generated + ")"
		if c.GeneratedStored {
			def += " STORED"
		} else {
			def += " VIRTUAL"
		}
	}
	switch {
	case c.NotNull:
		def += " NOT NULL"
	case strings.HasPrefix(c.Type, "timestamp"):
		// without explicit_defaults_for_timestamp a bare TIMESTAMP is NOT NULL
		def += " NULL"
	}
	if c.Default != "" {
		def += " DEFAULT " + defaultSQL(c.Default)
	}
	if c.OnUpdate != "" {
		def += " ON UPDATE " + c.OnUpdate
	}
	if c.AutoIncrement {
		def += " AUTO_INCREMENT"
	}
	if c.Comment != "" {
		def += " COMMENT " + literal(c.Comment)
	}
	return def
}

var (
	bareDefault = regexp.MustCompile(`^('.*'|[bBxX]'[0-9a-fA-F]*'|NULL|TRUE|FALSE|CURRENT_TIMESTAMP(\(\d*\))?)$`)
)

// defaultSQL writes a reflected default: literals and CURRENT_TIMESTAMP as they are, other
// expressions in parentheses (which MySQL 8 requires and MariaDB accepts).
func defaultSQL(d string) string {
	if bareDefault.MatchString(d) || isNumber(d) {
		return d
	}
	return "(" + d + ")"
}

// indexClause splits an index's Def into its kind ("", FULLTEXT, SPATIAL), its parts
// "(...)" and a trailing "USING HASH".
func indexClause(ix *schema.Index) (kind, parts, using string) {
	def := ix.Def
	if strings.HasSuffix(def, " USING HASH") {
		def, using = strings.TrimSuffix(def, " USING HASH"), " USING HASH"
	}
	if i := strings.IndexByte(def, '('); i > 0 {
		kind, def = strings.TrimSpace(def[:i])+" ", def[i:]
	}
	if ix.Unique {
		kind = "UNIQUE " + kind
	}
	return kind, def, using
}

func createTable(t *schema.Table) string {
	var items []string
	for _, c := range t.Columns {
		items = append(items, columnDefIn(t, c))
	}
	if t.PrimaryKey != nil {
		items = append(items, t.PrimaryKey.Def)
	}
	for _, u := range t.Uniques {
		items = append(items, "CONSTRAINT "+ident(u.Name)+" "+u.Def)
	}
	for _, ix := range t.Indexes {
		kind, parts, using := indexClause(ix)
		items = append(items, kind+"KEY "+ident(ix.Name)+" "+parts+using)
	}
	for _, k := range t.Checks {
		if len(k.Columns) == 0 {
			items = append(items, "CONSTRAINT "+ident(k.Name)+" "+k.Def)
		}
	}
	for _, fk := range t.ForeignKeys {
		items = append(items, "CONSTRAINT "+ident(fk.Name)+" "+fk.Def)
	}
	s := "CREATE TABLE " + tableName(t) + " (\n    " + strings.Join(items, ",\n    ") + "\n)"
	if t.Options != "" {
		s += " " + t.Options
	}
	if t.Comment != "" {
		s += " COMMENT=" + literal(t.Comment)
	}
	return s
}

func createIndex(t *schema.Table, ix *schema.Index) string {
	kind, parts, using := indexClause(ix)
	return "CREATE " + kind + "INDEX " + ident(ix.Name) + " ON " + tableName(t) + " " + parts + using
}

// columnDefIn is c's definition with its MariaDB column-level check, which lives and
// dies with the column's definition (a MODIFY without it drops it).
func columnDefIn(t *schema.Table, c *schema.Column) string {
	def := columnDef(c)
	for _, k := range t.Checks {
		if len(k.Columns) == 1 && k.Columns[0] == c.Name {
			def += " " + k.Def
		}
	}
	return def
}

func alterTable(b *dialect.SQLScript, o schema.Op) {
	tn := tableName(o.Table)
	done := map[int]bool{}
	// columns whose definition this op restates anyway, column-level checks included
	restated := map[string]bool{}
	for _, c := range o.Changes {
		switch c.Kind {
		case schema.AddColumn, schema.AlterColumn, schema.DropColumn:
			restated[c.Column.Name] = true
		}
	}
	for i, c := range o.Changes {
		if done[i] {
			continue
		}
		switch c.Kind {
		case schema.AddColumn:
			b.Stmt("ALTER TABLE %s ADD COLUMN %s", tn, columnDefIn(o.Table, c.Column))
		case schema.DropColumn:
			b.Stmt("ALTER TABLE %s DROP COLUMN %s", tn, ident(c.Column.Name))
		case schema.AlterColumn:
			b.Stmt("ALTER TABLE %s MODIFY COLUMN %s", tn, columnDefIn(o.Table, c.Column))
		case schema.AddPrimaryKey:
			b.Stmt("ALTER TABLE %s ADD %s", tn, c.Constraint.Def)
		case schema.DropPrimaryKey:
			b.Stmt("ALTER TABLE %s DROP PRIMARY KEY", tn)
		case schema.AddCheck:
			if col := checkColumn(o.Table, c.Constraint); col != nil {
				if !restated[col.Name] {
					b.Stmt("ALTER TABLE %s MODIFY COLUMN %s", tn, columnDefIn(o.Table, col))
				}
			} else {
				b.Stmt("ALTER TABLE %s ADD CONSTRAINT %s %s", tn, ident(c.Constraint.Name), c.Constraint.Def)
			}
		case schema.AddUnique:
			b.Stmt("ALTER TABLE %s ADD CONSTRAINT %s %s", tn, ident(c.Constraint.Name), c.Constraint.Def)
		case schema.DropUnique:
			b.Stmt("ALTER TABLE %s DROP INDEX %s", tn, ident(c.Constraint.Name))
		case schema.DropCheck:
			if col := checkColumn(o.From, c.Constraint); col != nil {
				// MariaDB keeps a column's own check with the column: restating the
				// column without it drops it
				if !restated[col.Name] {
					b.Stmt("ALTER TABLE %s MODIFY COLUMN %s", tn, columnDefIn(o.Table, col))
				}
			} else {
				b.Stmt("ALTER TABLE %s DROP CONSTRAINT %s", tn, ident(c.Constraint.Name))
			}
		case schema.AddForeignKey:
			b.Stmt("ALTER TABLE %s ADD CONSTRAINT %s %s", tn, ident(c.ForeignKey.Name), c.ForeignKey.Def)
		case schema.DropForeignKey:
			b.Stmt("ALTER TABLE %s DROP FOREIGN KEY %s", tn, ident(c.ForeignKey.Name))
		case schema.CreateIndex:
			b.Stmt("%s", createIndex(o.Table, c.Index))
		case schema.DropIndex:
			dropIndex(b, o, i, done)
		case schema.SetTableComment:
			b.Stmt("ALTER TABLE %s COMMENT = %s", tn, literal(c.Comment))
		case schema.SetTableOptions:
			b.Stmt("ALTER TABLE %s %s", tn, c.Options)
		}
	}
}

// dropIndex drops the index of o.Changes[i]. When a foreign key that stays still needs
// it and no other index serves the key, the index that will serve it (one this op
// creates) is created first, in the same statement when it has the same name (and after
// dropping the index whose name it takes); failing that, the key is dropped around the
// index and added back.
func dropIndex(b *dialect.SQLScript, o schema.Op, i int, done map[int]bool) {
	done[i] = true
	tn, ix := tableName(o.Table), o.Changes[i].Index
	fk := needingKey(o, ix)
	if fk == nil {
		b.Stmt("DROP INDEX %s ON %s", ident(ix.Name), tn)
		return
	}
	for j, c := range o.Changes {
		if c.Kind != schema.CreateIndex || done[j] || !serves(c.Index.Columns, fk.Columns) {
			continue
		}
		done[j] = true
		if c.Index.Name == ix.Name {
			kind, parts, using := indexClause(c.Index)
			b.Stmt("ALTER TABLE %s DROP INDEX %s, ADD %sINDEX %s %s%s", tn, ident(ix.Name), kind, ident(c.Index.Name), parts, using)
			return
		}
		for k, d := range o.Changes {
			if d.Kind == schema.DropIndex && !done[k] && d.Index.Name == c.Index.Name {
				dropIndex(b, o, k, done)
			}
		}
		// one statement: the server would drop an index it made for the key by
		// itself as soon as the new index serves the key
		kind, parts, using := indexClause(c.Index)
		b.Stmt("ALTER TABLE %s ADD %sINDEX %s %s%s, DROP INDEX %s", tn, kind, ident(c.Index.Name), parts, using, ident(ix.Name))
		return
	}
	b.Stmt("ALTER TABLE %s DROP FOREIGN KEY %s", tn, ident(fk.Name))
	b.Stmt("DROP INDEX %s ON %s", ident(ix.Name), tn)
	b.Stmt("ALTER TABLE %s ADD CONSTRAINT %s %s", tn, ident(fk.Name), fk.Def)
}

// checkColumn returns the column a MariaDB column-level check belongs to (reflection
// lists that column in the check's Columns); nil for a table's check.
func checkColumn(t *schema.Table, k *schema.Constraint) *schema.Column {
	if len(k.Columns) != 1 {
		return nil
	}
	return t.Column(k.Columns[0])
}

// needingKey returns a foreign key of the table after o that ix serves and no other
// index of the table before o that o keeps serves; nil when none.
func needingKey(o schema.Op, ix *schema.Index) *schema.ForeignKey {
	dropped := map[string]bool{}
	for _, c := range o.Changes {
		if c.Kind == schema.DropIndex {
			dropped[c.Index.Name] = true
		}
		if c.Kind == schema.DropPrimaryKey {
			dropped["PRIMARY"] = true
		}
	}
	for _, fk := range o.Table.ForeignKeys {
		if !serves(ix.Columns, fk.Columns) {
			continue
		}
		covered := o.From.PrimaryKey != nil && !dropped["PRIMARY"] && serves(o.From.PrimaryKey.Columns, fk.Columns)
		for _, other := range o.From.Indexes {
			covered = covered || !dropped[other.Name] && serves(other.Columns, fk.Columns)
		}
		if !covered {
			return fk
		}
	}
	return nil
}

// serves reports whether an index on cols can back a foreign key on fkCols: the key's
// columns are the index's first columns.
func serves(cols, fkCols []string) bool {
	return len(cols) >= len(fkCols) && slices.Equal(cols[:len(fkCols)], fkCols)
}
