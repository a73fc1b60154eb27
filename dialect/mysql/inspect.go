package mysql

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/schema"
)

// Reflection reads information_schema with one query per kind of object for all reflected
// databases together (server, tables, columns, indexes, foreign keys, checks, views and
// routines and triggers), so the number of round trips does not grow with the table count.
//
// MariaDB and MySQL 8 print some things differently; both are brought to one spelling
// here, so a schema reads the same on either server:
//   - integer display widths are dropped (MariaDB int(11), MySQL 8 int), except for
//     tinyint(1) (booleans) and zerofill columns, where the width means something;
//   - defaults: MariaDB quotes literals ('active') and prints NULL for "no default", MySQL 8
//     prints literals bare and marks expressions DEFAULT_GENERATED. The common form is
//     MariaDB's: literals quoted (numbers bare), expressions bare, CURRENT_TIMESTAMP upper
//     case without empty parentheses;
//   - JSON: MariaDB stores it as LONGTEXT with an automatic CHECK (json_valid(col)); such a
//     column reads as type json and the check is left out;
//   - check clauses: MySQL 8 wraps them in parentheses, MariaDB does not;
//   - RESTRICT and NO ACTION are one action in InnoDB (MariaDB prints RESTRICT for an
//     unspecified action, MySQL 8 NO ACTION): both read as NO ACTION.

// server is what one query tells about the server.
type server struct {
	mariadb  bool
	version  string
	database string
	engine   string // default storage engine
	checks   bool   // information_schema.CHECK_CONSTRAINTS exists (MariaDB 10.2+, MySQL 8.0.16+)
}

func readServer(ctx context.Context, q dialect.Querier) (server, error) {
	var s server
	err := dialect.QueryScalar(ctx, q, "SELECT VERSION(), COALESCE(DATABASE(), ''), @@default_storage_engine", nil, &s.version, &s.database, &s.engine)
	s.mariadb = strings.Contains(strings.ToLower(s.version), "mariadb")
	s.checks = s.mariadb || !versionBefore(s.version, 8, 0, 16)
	return s, err
}

// versionBefore reports whether a "8.0.15-log" version is before major.minor.patch.
func versionBefore(v string, major, minor, patch int) bool {
	var a, b, c int
	fmt.Sscanf(v, "%d.%d.%d", &a, &b, &c)
	for _, p := range [][2]int{{a, major}, {b, minor}, {c, patch}} {
		if p[0] != p[1] {
			return p[0] < p[1]
		}
	}
	return false
}

// in is "IN (?, ?, ...)" for n values.
func in(n int) string {
	return "IN (" + strings.TrimSuffix(strings.Repeat("?, ", n), ", ") + ")"
}

func queries(s server, n int) (tables, columns, indexes, fks, rules, checks, others string) {
	where := in(n)
	tables = `SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, COALESCE(ENGINE, ''), COALESCE(TABLE_COLLATION, ''),
  COALESCE(TABLE_COMMENT, '')
FROM information_schema.TABLES WHERE TABLE_SCHEMA ` + where + ` ORDER BY TABLE_SCHEMA, TABLE_NAME`
	columns = `SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA,
  COALESCE(GENERATION_EXPRESSION, ''), COALESCE(COLLATION_NAME, ''), COALESCE(COLUMN_COMMENT, ''), DATA_TYPE
FROM information_schema.COLUMNS WHERE TABLE_SCHEMA ` + where + `
ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION`
	expr := "''"
	if !s.mariadb && !versionBefore(s.version, 8, 0, 13) {
		expr = "COALESCE(EXPRESSION, '')" // functional key parts (MySQL 8.0.13+)
	}
	indexes = `SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, NON_UNIQUE, COALESCE(COLUMN_NAME, ''), COALESCE(SUB_PART, 0),
  INDEX_TYPE, COALESCE(COLLATION, 'A'), ` + expr + `
FROM information_schema.STATISTICS WHERE TABLE_SCHEMA ` + where + `
ORDER BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`
	// Joining two information_schema views costs MariaDB seconds for a thousand
	// tables; the key columns and the actions are read apart and joined here.
	fks = `SELECT TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_TABLE_SCHEMA,
  REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME
FROM information_schema.KEY_COLUMN_USAGE
WHERE TABLE_SCHEMA ` + where + ` AND REFERENCED_TABLE_NAME IS NOT NULL
ORDER BY TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION`
	rules = `SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, UPDATE_RULE, DELETE_RULE
FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA ` + where
	if s.mariadb {
		// MariaDB names checks per table (a column's check after the column), so the
		// table comes from CHECK_CONSTRAINTS itself, with the level.
		checks = `SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, LEVEL, CHECK_CLAUSE
FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA ` + where + `
ORDER BY CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME`
	} else if s.checks {
		checks = `SELECT tc.TABLE_SCHEMA, tc.TABLE_NAME, tc.CONSTRAINT_NAME, 'Table', cc.CHECK_CLAUSE
FROM information_schema.TABLE_CONSTRAINTS tc
JOIN information_schema.CHECK_CONSTRAINTS cc
  ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
WHERE tc.CONSTRAINT_TYPE = 'CHECK' AND tc.TABLE_SCHEMA ` + where + `
ORDER BY tc.TABLE_SCHEMA, tc.TABLE_NAME, tc.CONSTRAINT_NAME`
	}
	// Routines and triggers: autogenerate does not manage them but says when they differ.
	// Sequences (MariaDB) and views come with the tables (views' definitions apart).
	others = `SELECT LOWER(ROUTINE_TYPE), ROUTINE_SCHEMA, ROUTINE_NAME, '', COALESCE(ROUTINE_DEFINITION, '')
FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA ` + where + `
UNION ALL
SELECT 'trigger', TRIGGER_SCHEMA, TRIGGER_NAME, EVENT_OBJECT_TABLE,
  CONCAT(ACTION_TIMING, ' ', EVENT_MANIPULATION, ' ', ACTION_STATEMENT)
FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA ` + where + `
ORDER BY 1, 2, 3`
	return
}

// Inspect implements dialect.Inspector: the current database, or opts.Schemas (databases;
// tables of the current one are reported with Schema "").
func (Dialect) Inspect(ctx context.Context, q dialect.Querier, opts dialect.InspectOptions) (*schema.Schema, error) {
	srv, err := readServer(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("reflect: server: %w", err)
	}
	if srv.database == "" && len(opts.Schemas) == 0 {
		return nil, fmt.Errorf("reflect: no database selected (name one in the URL)")
	}
	return inspect(ctx, q, srv, opts, srv.database, srv.database)
}

// inspect reflects opts.Schemas (default: home). Objects of database home are reported
// as belonging to live ("" when live is the current database), so a scratch database
// stands for the live one.
func inspect(ctx context.Context, q dialect.Querier, srv server, opts dialect.InspectOptions, home, live string) (*schema.Schema, error) {
	dbs := opts.Schemas
	if len(dbs) == 0 {
		dbs = []string{home}
	}
	args := make([]any, len(dbs))
	for i, d := range dbs {
		args[i] = d
	}
	label := func(db string) string {
		if db == home || db == live {
			return ""
		}
		return db
	}
	tablesQ, columnsQ, indexesQ, fksQ, rulesQ, checksQ, othersQ := queries(srv, len(dbs))
	batch := []string{tablesQ, columnsQ, indexesQ, fksQ, rulesQ, othersQ}
	if checksQ != "" {
		batch = append(batch, checksQ)
	}
	pre, err := prefetch(ctx, q, batch, args)
	if err != nil {
		return nil, fmt.Errorf("reflect: %w", err)
	}

	s := &schema.Schema{}
	var views [][2]string // database and name
	tables := map[[2]string]*schema.Table{}
	collations := map[*schema.Table]string{}
	get := func(db, name string) *schema.Table { return tables[[2]string{db, name}] }

	err = pre.each(tablesQ, func(scan func(...any) error) error {
		var db, name, kind, engine, collation, comment string
		if err := scan(&db, &name, &kind, &engine, &collation, &comment); err != nil {
			return err
		}
		switch kind {
		case "BASE TABLE", "SYSTEM VERSIONED":
		case "SEQUENCE":
			s.Unsupported = append(s.Unsupported, &schema.Object{Kind: "sequence", Schema: label(db), Name: name})
			return nil
		case "VIEW":
			views = append(views, [2]string{db, name})
			return nil
		default:
			return nil
		}
		t := &schema.Table{Schema: label(db), Name: name, Comment: comment, Options: tableOptions(engine, collation)}
		tables[[2]string{db, name}] = t
		collations[t] = collation
		s.Tables = append(s.Tables, t)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reflect tables: %w", err)
	}

	err = pre.each(columnsQ, func(scan func(...any) error) error {
		var db, table, nullable, extra, generated, dataType string
		var def sql.NullString
		c := &schema.Column{}
		if err := scan(&db, &table, &c.Name, &c.Type, &nullable, &def, &extra, &generated, &c.Collation, &c.Comment, &dataType); err != nil {
			return err
		}
		t := get(db, table)
		if t == nil {
			return nil
		}
		readColumn(c, srv, nullable, def, extra, generated, dataType)
		if c.Collation == collations[t] {
			c.Collation = ""
		}
		t.Columns = append(t.Columns, c)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reflect columns: %w", err)
	}

	err = pre.each(fksQ, func(scan func(...any) error) error {
		var db, table, name, col, refDB, refTable, refCol string
		if err := scan(&db, &table, &name, &col, &refDB, &refTable, &refCol); err != nil {
			return err
		}
		t := get(db, table)
		if t == nil {
			return nil
		}
		var fk *schema.ForeignKey
		if n := len(t.ForeignKeys); n > 0 && t.ForeignKeys[n-1].Name == name {
			fk = t.ForeignKeys[n-1]
		} else {
			fk = &schema.ForeignKey{RefSchema: label(refDB), RefTable: refTable, OnDelete: "NO ACTION", OnUpdate: "NO ACTION"}
			fk.Name = name
			fk.AutoName = autoFKName(table, name)
			t.ForeignKeys = append(t.ForeignKeys, fk)
		}
		fk.Columns = append(fk.Columns, col)
		fk.RefColumns = append(fk.RefColumns, refCol)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reflect foreign keys: %w", err)
	}
	err = pre.each(rulesQ, func(scan func(...any) error) error {
		var db, table, name, onUpd, onDel string
		if err := scan(&db, &table, &name, &onUpd, &onDel); err != nil {
			return err
		}
		if t := get(db, table); t != nil {
			for _, fk := range t.ForeignKeys {
				if fk.Name == name {
					fk.OnDelete, fk.OnUpdate = action(onDel), action(onUpd)
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reflect foreign key actions: %w", err)
	}
	for _, t := range s.Tables {
		for _, fk := range t.ForeignKeys {
			fk.Def = fkDef(fk)
		}
	}

	type indexParts struct {
		kind  string
		parts []string
	}
	parts := map[*schema.Index]*indexParts{}
	err = pre.each(indexesQ, func(scan func(...any) error) error {
		var db, table, name, col, kind, order, expr string
		var nonUnique, subPart int
		if err := scan(&db, &table, &name, &nonUnique, &col, &subPart, &kind, &order, &expr); err != nil {
			return err
		}
		t := get(db, table)
		if t == nil {
			return nil
		}
		part := keyPart(col, subPart, order, expr)
		if name == "PRIMARY" {
			if t.PrimaryKey == nil {
				t.PrimaryKey = &schema.Constraint{Name: name, AutoName: true}
			}
			t.PrimaryKey.Columns = append(t.PrimaryKey.Columns, partName(col, expr))
			return nil
		}
		var ix *schema.Index
		if n := len(t.Indexes); n > 0 && t.Indexes[n-1].Name == name {
			ix = t.Indexes[n-1]
		} else {
			ix = &schema.Index{Name: name, Unique: nonUnique == 0}
			t.Indexes = append(t.Indexes, ix)
			parts[ix] = &indexParts{kind: kind}
		}
		ix.Columns = append(ix.Columns, partName(col, expr))
		parts[ix].parts = append(parts[ix].parts, part)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reflect indexes: %w", err)
	}
	for _, t := range s.Tables {
		if pk := t.PrimaryKey; pk != nil {
			pk.Def = "PRIMARY KEY (" + quoteList(pk.Columns) + ")"
		}
		for _, ix := range t.Indexes {
			p := parts[ix]
			ix.Def = "(" + strings.Join(p.parts, ", ") + ")"
			switch p.kind {
			case "FULLTEXT", "SPATIAL":
				ix.Def = p.kind + " " + ix.Def
			case "HASH":
				ix.Def += " USING HASH"
			}
			ix.AutoName = autoIndexName(t, ix)
		}
	}

	if checksQ != "" {
		err = pre.each(checksQ, func(scan func(...any) error) error {
			var db, table, name, level, clause string
			if err := scan(&db, &table, &name, &level, &clause); err != nil {
				return err
			}
			t := get(db, table)
			if t == nil {
				return nil
			}
			clause = unwrapParens(clause)
			if level == "Column" {
				// MariaDB's own check on a JSON column: the column reads as json
				if c := t.Column(name); c != nil && clause == "json_valid("+quoteAlways(name)+")" {
					c.Type, c.Collation = "json", ""
					return nil
				}
			}
			k := &schema.Constraint{Name: name, Def: "CHECK (" + clause + ")", AutoName: autoCheckName(table, name)}
			if level == "Column" {
				// named after its column, and dropped with a MODIFY of it
				k.Columns, k.AutoName = []string{name}, true
			}
			t.Checks = append(t.Checks, k)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("reflect check constraints: %w", err)
		}
	}

	objects := func(scan func(...any) error) error {
		var db string
		o := &schema.Object{}
		if err := scan(&o.Kind, &db, &o.Name, &o.Table, &o.Definition); err != nil {
			return err
		}
		o.Schema = label(db)
		if home != live {
			// definitions name their database: the scratch stands for the live one
			o.Definition = strings.ReplaceAll(o.Definition, quoteAlways(home)+".", quoteAlways(live)+".")
		}
		s.Unsupported = append(s.Unsupported, o)
		return nil
	}
	if len(views) > 0 {
		// by name: a filter on the database alone reads every table's definition
		var conds []string
		var vargs []any
		for _, v := range views {
			conds = append(conds, "(TABLE_SCHEMA = ? AND TABLE_NAME = ?)")
			vargs = append(vargs, v[0], v[1])
		}
		query := "SELECT 'view', TABLE_SCHEMA, TABLE_NAME, '', COALESCE(VIEW_DEFINITION, '') FROM information_schema.VIEWS WHERE " +
			strings.Join(conds, " OR ") + " ORDER BY 2, 3"
		if err := dialect.QueryEach(ctx, q, query, vargs, objects); err != nil {
			return nil, fmt.Errorf("reflect views: %w", err)
		}
	}
	err = pre.each(othersQ, objects)
	if err != nil {
		return nil, fmt.Errorf("reflect routines and triggers: %w", err)
	}
	dialect.FilterTables(s, opts)
	return s, nil
}

// tableOptions are the storage options a CREATE TABLE states, always written out so a
// revision means the same on a server with other defaults.
func tableOptions(engine, collation string) string {
	var o []string
	if engine != "" {
		o = append(o, "ENGINE="+engine)
	}
	if collation != "" {
		o = append(o, "DEFAULT CHARSET="+charsetOf(collation), "COLLATE="+collation)
	}
	return strings.Join(o, " ")
}

// charsetOf is the character set a collation belongs to (utf8mb4_bin: utf8mb4).
func charsetOf(collation string) string {
	cs, _, _ := strings.Cut(collation, "_")
	return cs
}

var (
	intWidth   = regexp.MustCompile(`^(tinyint|smallint|mediumint|int|bigint)\(\d+\)`)
	nowDefault = regexp.MustCompile(`(?i)^current_timestamp(\(\d*\))?$|^now\(\)$|^localtimestamp(\(\))?$`)
	numericTyp = map[string]bool{"tinyint": true, "smallint": true, "mediumint": true, "int": true, "bigint": true,
		"decimal": true, "float": true, "double": true, "bit": true, "year": true}
)

// readColumn fills c from the COLUMNS row, in the common spelling of both servers.
func readColumn(c *schema.Column, srv server, nullable string, def sql.NullString, extra, generated, dataType string) {
	c.NotNull = nullable == "NO"
	c.Type = normType(c.Type)
	ex := strings.ToLower(extra)
	c.AutoIncrement = strings.Contains(ex, "auto_increment")
	if i := strings.Index(ex, "on update "); i >= 0 {
		c.OnUpdate = normNow(strings.Fields(extra[i+len("on update "):])[0])
	}
	if strings.Contains(ex, "generated") && generated != "" && !strings.Contains(ex, "default_generated") {
		c.Generated = generated
		c.GeneratedStored = strings.Contains(ex, "stored")
		return
	}
	if !def.Valid {
		return
	}
	v := def.String
	switch {
	case srv.mariadb:
		if v == "NULL" {
			return // MariaDB's "no default" for a nullable column
		}
		if !strings.HasPrefix(v, "'") && !isNumber(v) {
			v = normNow(v)
		}
	case strings.Contains(ex, "default_generated"):
		v = normNow(v)
	case numericTyp[dataType] && isNumber(v):
	default:
		v = Dialect{}.Literal(v) // MySQL 8 prints literals bare
	}
	c.Default = v
}

// normType spells a COLUMN_TYPE the same on MariaDB and MySQL 8.
func normType(t string) string {
	t = strings.ToLower(t)
	if m := intWidth.FindString(t); m != "" && !strings.Contains(t, "zerofill") && m != "tinyint(1)" {
		t = m[:strings.IndexByte(m, '(')] + t[len(m):]
	}
	if t == "year(4)" {
		t = "year"
	}
	return t
}

// normNow spells the current-time functions CURRENT_TIMESTAMP[(fsp)].
func normNow(v string) string {
	if !nowDefault.MatchString(v) {
		return v
	}
	fsp := ""
	if i := strings.IndexByte(v, '('); i >= 0 && v[i:] != "()" {
		fsp = v[i:]
	}
	return "CURRENT_TIMESTAMP" + fsp
}

var number = regexp.MustCompile(`^[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?$`)

func isNumber(s string) bool { return number.MatchString(s) }

// action reads an ON DELETE/UPDATE rule; RESTRICT and NO ACTION are the same in InnoDB.
func action(rule string) string {
	if rule == "RESTRICT" || rule == "" {
		return "NO ACTION"
	}
	return rule
}

func fkDef(fk *schema.ForeignKey) string {
	ref := quoteAlways(fk.RefTable)
	if fk.RefSchema != "" {
		ref = quoteAlways(fk.RefSchema) + "." + ref
	}
	def := "FOREIGN KEY (" + quoteList(fk.Columns) + ") REFERENCES " + ref + " (" + quoteList(fk.RefColumns) + ")"
	if fk.OnDelete != "NO ACTION" {
		def += " ON DELETE " + fk.OnDelete
	}
	if fk.OnUpdate != "NO ACTION" {
		def += " ON UPDATE " + fk.OnUpdate
	}
	return def
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = quoteAlways(n)
	}
	return strings.Join(q, ", ")
}

// quoteAlways backquotes a name as the server prints it in definitions.
func quoteAlways(name string) string { return "`" + strings.ReplaceAll(name, "`", "``") + "`" }

// keyPart is one part of an index as SHOW CREATE TABLE prints it: `col`(prefix) DESC, or
// (expression).
func keyPart(col string, subPart int, order, expr string) string {
	p := quoteAlways(col)
	if expr != "" {
		p = "(" + expr + ")"
	}
	if subPart > 0 {
		p += fmt.Sprintf("(%d)", subPart)
	}
	if order == "D" {
		p += " DESC"
	}
	return p
}

func partName(col, expr string) string {
	if expr != "" {
		return expr
	}
	return col
}

var (
	ibfkName    = regexp.MustCompile(`_ibfk_[0-9]+$`)
	chkName     = regexp.MustCompile(`_chk_[0-9]+$`)
	mariaChk    = regexp.MustCompile(`^CONSTRAINT_[0-9]+$`)
	numberedDup = regexp.MustCompile(`_[0-9]+$`)
)

// autoFKName: an unnamed foreign key is <table>_ibfk_<n>.
func autoFKName(table, name string) bool {
	return strings.HasPrefix(name, table+"_") && ibfkName.MatchString(name)
}

// autoCheckName: an unnamed check is CONSTRAINT_<n> (MariaDB) or <table>_chk_<n> (MySQL 8).
func autoCheckName(table, name string) bool {
	return mariaChk.MatchString(name) || strings.HasPrefix(name, table+"_") && chkName.MatchString(name)
}

// autoIndexName: the server names an unnamed index after its first column (numbered on a
// clash), and the index it creates for a foreign key after the key.
func autoIndexName(t *schema.Table, ix *schema.Index) bool {
	if len(ix.Columns) > 0 {
		first := ix.Columns[0]
		if ix.Name == first || strings.HasPrefix(ix.Name, first+"_") && numberedDup.MatchString(ix.Name[len(first):]) {
			return true
		}
	}
	for _, fk := range t.ForeignKeys {
		if fk.Name == ix.Name && !ix.Unique {
			return true
		}
	}
	return false
}

// unwrapParens removes parentheses around a whole expression: "(a > 0)" is "a > 0".
func unwrapParens(s string) string {
	s = strings.TrimSpace(s)
	for len(s) >= 2 && s[0] == '(' && s[len(s)-1] == ')' && closes(s) == len(s)-1 {
		s = strings.TrimSpace(s[1 : len(s)-1])
	}
	return s
}

// closes returns the index of the parenthesis closing s[0], outside quotes; -1 if none.
func closes(s string) int {
	depth := 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == '\\' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"' || c == '`':
			quote = c
		case c == '(':
			depth++
		case c == ')':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// rows are a query's result, each value a string or nil for NULL.
type rows [][]*string

// results are the rows of the queries run by prefetch.
type results map[string]rows

// prefetch runs queries, each with args and all at once on connections of their own when
// q is a pool (*sql.DB): information_schema answers each from the table definitions, which
// the server reads faster in parallel. On one connection (a scratch build) they run in turn.
func prefetch(ctx context.Context, q dialect.Querier, queries []string, args []any) (results, error) {
	out := make([]rows, len(queries))
	errs := make([]error, len(queries))
	if _, pool := q.(*sql.DB); pool {
		var wg sync.WaitGroup
		for i := range queries {
			wg.Add(1)
			go func() {
				defer wg.Done()
				out[i], errs[i] = fetchRows(ctx, q, queries[i], argsFor(queries[i], args))
			}()
		}
		wg.Wait()
	} else {
		for i := range queries {
			out[i], errs[i] = fetchRows(ctx, q, queries[i], argsFor(queries[i], args))
		}
	}
	res := results{}
	for i, query := range queries {
		if errs[i] != nil {
			return nil, errs[i]
		}
		res[query] = out[i]
	}
	return res, nil
}

// argsFor repeats args for each "IN (...)" list of query.
func argsFor(query string, args []any) []any {
	var all []any
	for range strings.Count(query, in(len(args))) {
		all = append(all, args...)
	}
	return all
}

func fetchRows(ctx context.Context, q dialect.Querier, query string, args []any) (rows, error) {
	rs, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	cols, err := rs.Columns()
	if err != nil {
		return nil, err
	}
	var out rows
	for rs.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rs.Scan(ptrs...); err != nil {
			return nil, err
		}
		row := make([]*string, len(cols))
		for i, v := range vals {
			if v.Valid {
				row[i] = &v.String
			}
		}
		out = append(out, row)
	}
	return out, rs.Err()
}

// each calls row for each row of query's result with a Scan into *string, *int and
// *sql.NullString.
func (r results) each(query string, row func(scan func(...any) error) error) error {
	for _, vals := range r[query] {
		scan := func(dest ...any) error {
			if len(dest) != len(vals) {
				return fmt.Errorf("scan: %d values into %d", len(vals), len(dest))
			}
			for i, d := range dest {
				v := vals[i]
				switch d := d.(type) {
				case *string:
					if v == nil {
						return fmt.Errorf("scan: NULL in column %d", i)
					}
					*d = *v
				case *int:
					if v == nil {
						return fmt.Errorf("scan: NULL in column %d", i)
					}
					n, err := strconv.Atoi(*v)
					if err != nil {
						return err
					}
					*d = n
				case *sql.NullString:
					*d = sql.NullString{}
					if v != nil {
						*d = sql.NullString{String: *v, Valid: true}
					}
				default:
					return fmt.Errorf("scan: unsupported %T", d)
				}
			}
			return nil
		}
		if err := row(scan); err != nil {
			return err
		}
	}
	return nil
}

// The dialect's autogenerate side.
var (
	_ dialect.Inspector = Dialect{}
	_ dialect.Renderer  = Dialect{}
)
