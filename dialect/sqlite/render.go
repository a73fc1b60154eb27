package sqlite

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/schema"
)

// sqliteIdent quotes a name as the runtime does (SQLAlchemy's rules).
var sqliteIdent = Dialect{}.QuoteIdent

// Render implements dialect.Renderer for SQLite. Tables and indexes are created from the
// statements SQLite stored for the desired schema, verbatim. ALTER TABLE covers adding
// and dropping plain columns; any other table change rebuilds the table (new table,
// rows copied, old dropped, new renamed, indexes and triggers recreated) so no row is lost.
func (Dialect) Render(ops []schema.Op) string {
	var b dialect.SQLScript
	for _, o := range ops {
		b.Block()
		b.Warn(o.Warnings())
		switch o.Kind {
		case schema.CreateTable:
			b.Stmt("%s", o.Table.SQL)
			for _, ix := range o.Table.Indexes {
				b.Stmt("%s", ix.SQL)
			}
		case schema.DropTable:
			b.Stmt("DROP TABLE %s", sqliteIdent(o.Table.Name))
		case schema.AlterTable:
			if sqliteCanAlter(o) {
				for _, c := range o.Changes {
					sqliteChange(&b, o.Table, c)
				}
			} else {
				b.Comment("%s", rebuildComment(o))
				for _, st := range sqliteRebuild(o) {
					b.Stmt("%s", st)
				}
			}
		}
	}
	return b.String()
}

// AltersConstraints implements dialect.Renderer: SQLite has no ALTER TABLE ... CONSTRAINT.
func (Dialect) AltersConstraints() bool { return false }

func sqliteChange(b *dialect.SQLScript, t *schema.Table, c schema.Change) {
	switch c.Kind {
	case schema.AddColumn:
		b.Stmt("ALTER TABLE %s ADD COLUMN %s", sqliteIdent(t.Name), c.Column.Def)
	case schema.DropColumn:
		b.Stmt("ALTER TABLE %s DROP COLUMN %s", sqliteIdent(t.Name), sqliteIdent(c.Column.Name))
	case schema.AddForeignKey:
		// written in the added column's definition (sqliteColumnLevelFK)
	case schema.CreateIndex:
		b.Stmt("%s", c.Index.SQL)
	case schema.DropIndex:
		b.Stmt("DROP INDEX %s", sqliteIdent(c.Index.Name))
	}
}

// sqliteCanAlter reports whether every change of o has an ALTER TABLE form in SQLite
// (https://www.sqlite.org/lang_altertable.html lists what ADD and DROP COLUMN refuse).
func sqliteCanAlter(o schema.Op) bool {
	if len(o.From.Triggers) > 0 {
		return false // triggers may name the column; the rebuild recreates them
	}
	for _, c := range o.Changes {
		switch c.Kind {
		case schema.CreateIndex, schema.DropIndex:
		case schema.AddColumn:
			if !sqliteCanAddColumn(o.Table, c.Column) {
				return false
			}
		case schema.DropColumn:
			if !sqliteCanDropColumn(o.From, o.Table, c.Column) {
				return false
			}
		case schema.AddForeignKey:
			if !sqliteColumnLevelFK(o, c.ForeignKey) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// sqliteColumnLevelFK reports whether fk is a REFERENCES clause of a column that o adds,
// so ADD COLUMN creates it.
func sqliteColumnLevelFK(o schema.Op, fk *schema.ForeignKey) bool {
	if len(fk.Columns) != 1 {
		return false
	}
	for _, c := range o.Changes {
		if c.Kind == schema.AddColumn && strings.EqualFold(c.Column.Name, fk.Columns[0]) {
			return hasWord(sqlTokens(c.Column.Def), "references")
		}
	}
	return false
}

var sqliteNonConstantDefault = regexp.MustCompile(`(?i)^\(|^current_(time|date|timestamp)$`)

func sqliteCanAddColumn(t *schema.Table, c *schema.Column) bool {
	switch {
	case c.Def == "", c.GeneratedStored,
		c.NotNull && c.Default == "" && c.Generated == "",
		sqliteNonConstantDefault.MatchString(c.Default),
		t.PrimaryKey != nil && dialect.ContainsFold(t.PrimaryKey.Columns, c.Name):
		return false
	}
	for _, u := range t.Uniques {
		if dialect.ContainsFold(u.Columns, c.Name) {
			return false
		}
	}
	for _, fk := range t.ForeignKeys {
		if dialect.ContainsFold(fk.Columns, c.Name) && c.Default != "" && !strings.EqualFold(c.Default, "null") {
			return false
		}
	}
	return true
}

// sqliteCanDropColumn: SQLite refuses to drop a column that is part of a key, an index,
// a constraint or a generated column's expression.
func sqliteCanDropColumn(from, to *schema.Table, c *schema.Column) bool {
	if from.PrimaryKey != nil && dialect.ContainsFold(from.PrimaryKey.Columns, c.Name) {
		return false
	}
	for _, u := range from.Uniques {
		if dialect.ContainsFold(u.Columns, c.Name) {
			return false
		}
	}
	for _, fk := range from.ForeignKeys {
		if dialect.ContainsFold(fk.Columns, c.Name) {
			return false
		}
	}
	word := regexp.MustCompile(`(?i)(^|[^\w$])"?` + regexp.QuoteMeta(c.Name) + `"?($|[^\w$])`)
	for _, k := range from.Checks {
		if word.MatchString(k.Def) {
			return false
		}
	}
	for _, ix := range to.Indexes {
		if word.MatchString(ix.Def) {
			return false
		}
	}
	for _, other := range from.Columns {
		if other.Generated != "" && word.MatchString(other.Generated) {
			return false
		}
	}
	return true
}

// sqliteRebuild returns the statements that replace o.From by o.Table keeping the rows
// of the columns both have.
// Foreign keys are checked at commit (defer_foreign_keys) and the rebuilt table's keys
// are verified at the end, failing the revision on a violation.
func sqliteRebuild(o schema.Op) []string {
	var stmts []string
	stmt := func(format string, args ...any) { stmts = append(stmts, fmt.Sprintf(format, args...)) }
	name := sqliteIdent(o.Table.Name)
	tmp := sqliteIdent("_retort_tmp_" + o.Table.Name)
	stmt("PRAGMA defer_foreign_keys = ON")
	d := parseSQLiteTable(o.Table.SQL)
	stmt("%s", o.Table.SQL[:d.nameStart]+tmp+o.Table.SQL[d.nameEnd:])
	var cols []string
	for _, c := range o.Table.Columns {
		old := o.From.Column(c.Name)
		if old != nil && c.Generated == "" && old.Generated == "" {
			cols = append(cols, sqliteIdent(c.Name))
		}
	}
	if len(cols) > 0 {
		list := strings.Join(cols, ", ")
		stmt("INSERT INTO %s (%s) SELECT %s FROM %s", tmp, list, list, name)
	}
	stmt("DROP TABLE %s", name)
	// legacy mode: the rename leaves views and other tables' triggers alone (they name
	// the table, which does not exist for a moment, and would fail the rename)
	stmt("PRAGMA legacy_alter_table = ON")
	stmt("ALTER TABLE %s RENAME TO %s", tmp, name)
	stmt("PRAGMA legacy_alter_table = OFF")
	for _, ix := range o.Table.Indexes {
		stmt("%s", ix.SQL)
	}
	for _, tr := range o.Table.Triggers {
		stmt("%s", tr)
	}
	// PRAGMA foreign_key_check only returns rows, which a migration run ignores; counting
	// them into a table with a CHECK makes a violation fail the revision instead.
	stmt("CREATE TEMP TABLE _retort_fk_check (violations INTEGER CONSTRAINT %s CHECK (violations = 0))",
		sqliteIdent("foreign_key_violations_in_"+o.Table.Name))
	stmt("INSERT INTO _retort_fk_check SELECT count(*) FROM pragma_foreign_key_check(%s)", dialect.Literal(o.Table.Name))
	stmt("DROP TABLE _retort_fk_check")
	return stmts
}

// rebuildComment says why a table is rebuilt.
func rebuildComment(o schema.Op) string {
	return fmt.Sprintf("rebuild of table %s (SQLite cannot ALTER this): %s", o.Table.Name, strings.Join(o.Lines(), "; "))
}
