package sqlite

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/pyop/sa"
	"github.com/retort-dev/retort/schema"
)

// AlembicRules implements dialect.AlembicRenderer: SQLite as SQLAlchemy 1.4's sqlite dialect renders it. SQLite keeps no
// comments and has no ALTER COLUMN or ALTER ... CONSTRAINT; batch blocks with such
// changes rebuild the table.
func (d Dialect) AlembicRules() dialect.AlembicRules {
	return dialect.AlembicRules{Name: d.Name(), Quote: d.QuoteIdent, TypeSQL: sqliteTypeSQL,
		NeedsRebuild: sqliteNeedsRebuild, Rebuild: sqliteBatchRebuild,
		// no boolean keywords, no now(); expression defaults in parentheses
		Functions: map[string]string{"false": "0", "true": "1", "now": "CURRENT_TIMESTAMP"}, ParenDefaults: true}
}

func sqliteTypeSQL(t sa.Type, _ bool) (string, error) {
	if s, ok := dialect.GenericType(t); ok {
		return s, nil
	}
	switch t.Name {
	case "DateTime", "DATETIME", "Interval":
		return "DATETIME", nil
	case "TIMESTAMP":
		return "TIMESTAMP", nil
	case "Time", "TIME":
		return "TIME", nil
	case "LargeBinary", "BLOB":
		return "BLOB", nil
	case "Uuid":
		return "CHAR(32)", nil
	case "Enum":
		return dialect.SizedType("VARCHAR", sa.Type{Length: dialect.EnumLength(t)}), nil
	}
	return "", fmt.Errorf("type %s is not supported on SQLite", t.Name)
}

// sqliteNeedsRebuild is Alembic's SQLite rule for recreate="auto": rebuild unless the
// block only adds columns without SQL-expression defaults and creates or drops indexes.
func sqliteNeedsRebuild(ops []sa.Op) bool {
	for _, op := range ops {
		switch op.Kind {
		case sa.OpCreateIndex, sa.OpDropIndex, sa.OpTableComment:
		case sa.OpAddColumn:
			if d := op.Column.Default; d != nil && !d.Literal {
				return true
			}
		default:
			return true
		}
	}
	return false
}

// sqliteBatchRebuild applies ops to the live table's definition, then rebuilds the table
// the way autogenerate does (new table, rows copied, old dropped, new renamed, indexes and
// triggers recreated). As in Alembic, the new table is rendered from the reflected
// definition. Column renames and new indexes follow the rebuild, so the rows of a renamed
// column are kept.
func sqliteBatchRebuild(a *dialect.AlembicDDL, live *schema.Table, ops []sa.Op) ([]string, error) {
	cols := make([]*schema.Column, 0, len(live.Columns))
	specs := map[*schema.Column]string{}
	for _, c := range live.Columns {
		cc := *c
		cols = append(cols, &cc)
	}
	autoinc := live.PrimaryKey != nil && len(live.PrimaryKey.Columns) == 1 && strings.HasSuffix(live.PrimaryKey.Def, "AUTOINCREMENT")
	var pk *sa.Constraint
	if live.PrimaryKey != nil && !autoinc {
		pk = &sa.Constraint{Kind: sa.PrimaryKeyConstraint, Name: live.PrimaryKey.Name, Columns: live.PrimaryKey.Columns}
	}
	var keys []sa.Constraint // unique, check and foreign keys in table order
	for _, u := range live.Uniques {
		keys = append(keys, sa.Constraint{Kind: sa.UniqueConstraint, Name: u.Name, Columns: u.Columns})
	}
	for _, k := range live.Checks {
		keys = append(keys, sa.Constraint{Kind: sa.CheckConstraint, Name: k.Name, Check: strings.TrimSuffix(strings.TrimPrefix(k.Def, "CHECK ("), ")")})
	}
	for _, fk := range live.ForeignKeys {
		k := sa.Constraint{Kind: sa.ForeignKeyConstraint, Name: fk.Name, Columns: fk.Columns, RefTable: fk.RefTable, RefColumns: fk.RefColumns}
		if fk.OnDelete != "NO ACTION" {
			k.OnDelete = fk.OnDelete
		}
		if fk.OnUpdate != "NO ACTION" {
			k.OnUpdate = fk.OnUpdate
		}
		keys = append(keys, k)
	}
	indexes := append([]*schema.Index(nil), live.Indexes...)
	var after []string
	find := func(name string) (int, error) {
		for i, c := range cols {
			if strings.EqualFold(c.Name, name) {
				return i, nil
			}
		}
		return 0, fmt.Errorf("table %s has no column %s", live.Name, name)
	}
	for _, op := range ops {
		switch op.Kind {
		case sa.OpAddColumn:
			spec, err := a.ColumnSpec(op.Column, false)
			if err != nil {
				return nil, err
			}
			c := &schema.Column{Name: op.Column.Name}
			specs[c] = spec
			cols = append(cols, c)
		case sa.OpDropColumn:
			i, err := find(op.Name)
			if err != nil {
				return nil, err
			}
			cols = append(cols[:i], cols[i+1:]...)
		case sa.OpAlterColumn:
			i, err := find(op.Alter.Column)
			if err != nil {
				return nil, err
			}
			c := cols[i]
			delete(specs, c)
			if t := op.Alter.Type; t != nil {
				if c.Type, err = sqliteTypeSQL(*t, false); err != nil {
					return nil, err
				}
			}
			if n := op.Alter.Nullable; n != nil {
				c.NotNull = !*n
			}
			if d := op.Alter.Default; d != nil {
				c.Default = ""
				if *d != nil {
					c.Default = a.DefaultSQL(**d)
				}
			}
			if op.Alter.NewName != "" {
				after = append(after, "ALTER TABLE "+Dialect{}.QuoteIdent(live.Name)+" RENAME COLUMN "+Dialect{}.QuoteIdent(c.Name)+" TO "+Dialect{}.QuoteIdent(op.Alter.NewName))
			}
		case sa.OpAddConstraint:
			if op.Constraint.Kind == sa.PrimaryKeyConstraint {
				k := op.Constraint
				pk, autoinc = &k, false
			} else {
				keys = append(keys, op.Constraint)
			}
		case sa.OpDropConstraint:
			found := false
			if pk != nil && op.Name != "" && pk.Name == op.Name {
				pk, found = nil, true
			}
			for i, k := range keys {
				if op.Name != "" && k.Name == op.Name {
					keys, found = append(keys[:i], keys[i+1:]...), true
					break
				}
			}
			if !found {
				return nil, fmt.Errorf("table %s has no constraint named %s (SQLite keeps only the names written in CREATE TABLE)", live.Name, op.Name)
			}
		case sa.OpCreateIndex:
			after = append(after, a.CreateIndex(op.Index)...)
		case sa.OpDropIndex:
			i := indexOf(indexes, op.Name)
			if i < 0 {
				return nil, fmt.Errorf("table %s has no index %s", live.Name, op.Name)
			}
			indexes = append(indexes[:i], indexes[i+1:]...)
		case sa.OpTableComment:
		default:
			return nil, fmt.Errorf("operation not allowed in a batch block")
		}
	}
	var items []string
	for _, c := range cols {
		spec, ok := specs[c]
		if !ok {
			spec = sqliteReflectedColumn(c, autoinc && strings.EqualFold(c.Name, live.PrimaryKey.Columns[0]))
		}
		items = append(items, spec)
	}
	if pk != nil {
		items = append(items, a.ConstraintSQL(*pk))
	}
	for _, k := range keys {
		items = append(items, a.ConstraintSQL(k))
	}
	create := "CREATE TABLE " + sqliteIdent(live.Name) + " (\n    " + strings.Join(items, ",\n    ") + "\n)"
	if live.Options != "" {
		create += " " + live.Options
	}
	to := &schema.Table{Name: live.Name, SQL: create, Columns: cols, Indexes: indexes, Triggers: live.Triggers}
	out := sqliteRebuild(schema.Op{Kind: schema.AlterTable, From: live, Table: to})
	return append(out, after...), nil
}

func indexOf(list []*schema.Index, name string) int {
	for i, ix := range list {
		if strings.EqualFold(ix.Name, name) {
			return i
		}
	}
	return -1
}

// sqliteSimpleDefault matches defaults SQLite accepts without parentheses.
var sqliteSimpleDefault = regexp.MustCompile(`(?i)^('([^']|'')*'|[-+]?[0-9][0-9.e+-]*|null|true|false|current_(time|date|timestamp)|x'[0-9a-f]*')$`)

// sqliteReflectedColumn renders a reflected column's definition (declared type,
// collation, generated expression, default, NOT NULL).
func sqliteReflectedColumn(c *schema.Column, autoincrementKey bool) string {
	s := sqliteIdent(c.Name)
	if c.Type != "" {
		s += " " + c.Type
	}
	if c.Collation != "" {
		s += " COLLATE " + c.Collation
	}
	if autoincrementKey {
		return s + " NOT NULL PRIMARY KEY AUTOINCREMENT"
	}
	if c.Generated != "" {
		kind := " VIRTUAL"
		if c.GeneratedStored {
			kind = " STORED"
		}
		s += " GENERATED ALWAYS AS (" + c.Generated + ")" + kind
	}
	if c.Default != "" {
		if sqliteSimpleDefault.MatchString(c.Default) {
			s += " DEFAULT " + c.Default
		} else {
			s += " DEFAULT (" + c.Default + ")"
		}
	}
	if c.NotNull {
		s += " NOT NULL"
	}
	return s
}
