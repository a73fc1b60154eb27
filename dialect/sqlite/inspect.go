package sqlite

import (
	"context"
	"fmt"
	"sort"
	"strings"

	_ "github.com/mattn/go-sqlite3" // driver "sqlite3" for the in-memory scratch database
	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/schema"
)

// SQLite reflection joins sqlite_master with the pragma table-valued functions, one query
// per kind for the whole database, and reads what pragmas do not tell from the stored SQL.
var sqliteQueries = struct {
	objects, columns, foreignKeys, uniques string
}{
	objects: `SELECT type, name, tbl_name, COALESCE(sql, '') FROM sqlite_master
WHERE name NOT LIKE 'sqlite_%' ORDER BY type <> 'table', name`,
	columns: `SELECT m.name, p.name, p.type, p."notnull", COALESCE(p.dflt_value, ''), p.pk, p.hidden
FROM sqlite_master m, pragma_table_xinfo(m.name) p
WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, p.cid`,
	foreignKeys: `SELECT m.name, p.id, p."table", p."from", COALESCE(p."to", ''), p.on_update, p.on_delete
FROM sqlite_master m, pragma_foreign_key_list(m.name) p
WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, p.id, p.seq`,
	uniques: `SELECT m.name, il.name, ii.name
FROM sqlite_master m, pragma_index_list(m.name) il, pragma_index_info(il.name) ii
WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND il.origin = 'u'
ORDER BY m.name, il.name, ii.seqno`,
}

// Inspect implements dialect.Inspector.
func (Dialect) Inspect(ctx context.Context, q dialect.Querier, opts dialect.InspectOptions) (*schema.Schema, error) {
	s := &schema.Schema{}
	tables := map[string]*schema.Table{}
	ddl := map[string]*sqliteTableDDL{}
	err := dialect.QueryEach(ctx, q, sqliteQueries.objects, nil, func(scan func(...any) error) error {
		var typ, name, tbl, text string
		if err := scan(&typ, &name, &tbl, &text); err != nil {
			return err
		}
		switch typ {
		case "table":
			t := &schema.Table{Name: name, SQL: text}
			tables[name] = t
			ddl[name] = parseSQLiteTable(text)
			t.Options = ddl[name].options
			s.Tables = append(s.Tables, t)
		case "index":
			if t := tables[tbl]; t != nil && text != "" {
				p := parseSQLiteIndex(text)
				def := "(" + strings.Join(p.columns, ", ") + ")"
				if p.where != "" {
					def += " WHERE " + p.where
				}
				t.Indexes = append(t.Indexes, &schema.Index{Name: name, Unique: p.unique, Def: def, Columns: p.columns, Where: p.where, SQL: text})
			}
		case "trigger":
			if t := tables[tbl]; t != nil {
				t.Triggers = append(t.Triggers, text)
			}
			s.Unsupported = append(s.Unsupported, &schema.Object{Kind: "trigger", Name: name, Table: tbl, Definition: dialect.CollapseSpace(text)})
		case "view":
			s.Unsupported = append(s.Unsupported, &schema.Object{Kind: "view", Name: name, Definition: dialect.CollapseSpace(text)})
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reflect tables: %w", err)
	}

	pks := map[string][][2]any{}
	err = dialect.QueryEach(ctx, q, sqliteQueries.columns, nil, func(scan func(...any) error) error {
		var tbl, dflt string
		var pk, hidden int
		c := &schema.Column{}
		if err := scan(&tbl, &c.Name, &c.Type, &c.NotNull, &dflt, &pk, &hidden); err != nil {
			return err
		}
		t := tables[tbl]
		if t == nil {
			return nil
		}
		c.Type = normType(c.Type)
		if dflt != "" {
			c.Default = normExpr(trimParens(sqlTokens(dflt)))
		}
		d := ddl[tbl]
		c.Def = d.columnDefs[strings.ToLower(c.Name)]
		c.Collation = d.collation[strings.ToLower(c.Name)]
		if c.Collation == "BINARY" { // SQLite's default
			c.Collation = ""
		}
		if hidden == 2 || hidden == 3 {
			c.Generated, c.GeneratedStored = d.generated[strings.ToLower(c.Name)], hidden == 3
		}
		if pk > 0 {
			pks[tbl] = append(pks[tbl], [2]any{pk, c.Name})
		}
		t.Columns = append(t.Columns, c)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reflect columns: %w", err)
	}
	for name, cols := range pks {
		sort.Slice(cols, func(i, j int) bool { return cols[i][0].(int) < cols[j][0].(int) })
		k := &schema.Constraint{Name: ddl[name].named["pk"]}
		for _, c := range cols {
			k.Columns = append(k.Columns, c[1].(string))
		}
		if len(cols) == 1 {
			// INTEGER PRIMARY KEY is the rowid, which is never NULL, declared so or not
			if c := tables[name].Column(k.Columns[0]); c != nil && c.Type == "INTEGER" {
				c.NotNull = true
			}
		}
		k.Def = "PRIMARY KEY " + identList(k.Columns)
		if ddl[name].autoincrement {
			k.Def += " AUTOINCREMENT"
		}
		tables[name].PrimaryKey = k
	}

	err = dialect.QueryEach(ctx, q, sqliteQueries.uniques, nil, func(scan func(...any) error) error {
		var tbl, index, col string
		if err := scan(&tbl, &index, &col); err != nil {
			return err
		}
		t := tables[tbl]
		if t == nil { // created after the table list was read
			return nil
		}
		n := len(t.Uniques)
		if n == 0 || t.Uniques[n-1].Def != index { // Def holds the index name until finished
			t.Uniques = append(t.Uniques, &schema.Constraint{Def: index})
			n++
		}
		t.Uniques[n-1].Columns = append(t.Uniques[n-1].Columns, col)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reflect unique constraints: %w", err)
	}

	type fkKey struct {
		table string
		id    int
	}
	var fkOrder []fkKey
	fks := map[fkKey]*schema.ForeignKey{}
	err = dialect.QueryEach(ctx, q, sqliteQueries.foreignKeys, nil, func(scan func(...any) error) error {
		var k fkKey
		var ref, from, to, onUpd, onDel string
		if err := scan(&k.table, &k.id, &ref, &from, &to, &onUpd, &onDel); err != nil {
			return err
		}
		fk := fks[k]
		if fk == nil {
			fk = &schema.ForeignKey{RefTable: ref, OnDelete: onDel, OnUpdate: onUpd}
			fks[k] = fk
			fkOrder = append(fkOrder, k)
		}
		fk.Columns = append(fk.Columns, from)
		fk.RefColumns = append(fk.RefColumns, to)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reflect foreign keys: %w", err)
	}
	// pragma_foreign_key_list lists keys last-declared first; keep declaration order.
	for i := len(fkOrder) - 1; i >= 0; i-- {
		k := fkOrder[i]
		fk, t := fks[k], tables[k.table]
		if t == nil { // created after the table list was read
			continue
		}
		if fk.RefColumns[0] == "" { // REFERENCES t without columns means t's primary key
			fk.RefColumns = nil
			if rt := tables[fk.RefTable]; rt != nil && rt.PrimaryKey != nil {
				fk.RefColumns = rt.PrimaryKey.Columns
			}
		}
		fk.Name = ddl[k.table].named["fk|"+strings.ToLower(strings.Join(fk.Columns, ","))]
		fk.Def = fkDef(fk)
		t.ForeignKeys = append(t.ForeignKeys, fk)
	}

	for _, t := range s.Tables {
		d := ddl[t.Name]
		for _, u := range t.Uniques {
			u.Name = d.named["unique|"+strings.ToLower(strings.Join(u.Columns, ","))]
			u.Def = "UNIQUE " + identList(u.Columns)
		}
		for _, c := range d.checks {
			t.Checks = append(t.Checks, &schema.Constraint{Name: c.name, Def: c.def})
		}
	}
	dialect.FilterTables(s, opts)
	return s, nil
}

// normType spells a declared type in one way: upper case, single spaces, none around
// parentheses and commas.
func normType(t string) string {
	t = strings.ToUpper(dialect.CollapseSpace(t))
	for _, r := range [][2]string{{" (", "("}, {"( ", "("}, {" )", ")"}, {" ,", ","}, {", ", ","}} {
		t = strings.ReplaceAll(t, r[0], r[1])
	}
	return t
}

// fkDef renders a foreign key in one canonical form for comparison and messages.
func fkDef(fk *schema.ForeignKey) string {
	def := fmt.Sprintf("FOREIGN KEY %s REFERENCES %s%s", identList(fk.Columns), fk.RefTable, identList(fk.RefColumns))
	if fk.OnDelete != "" && fk.OnDelete != "NO ACTION" {
		def += " ON DELETE " + fk.OnDelete
	}
	if fk.OnUpdate != "" && fk.OnUpdate != "NO ACTION" {
		def += " ON UPDATE " + fk.OnUpdate
	}
	return def
}

func identList(cols []string) string { return "(" + strings.Join(cols, ", ") + ")" }
