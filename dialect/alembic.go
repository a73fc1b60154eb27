package dialect

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/retort-dev/retort/pyop/sa"
	"github.com/retort-dev/retort/schema"
)

// This file renders the operations of Alembic's .py revisions (package pyop reads them)
// as the SQL that SQLAlchemy's DDL compiler prints for this database. The ANSI forms are
// shared; each database states what differs in an AlembicRules value
// (each dialect's alembic.go: dialect/postgres, dialect/sqlite).

// Render renders one operation.
func (a *AlembicDDL) Render(op sa.Op) ([]string, error) {
	if a.rules.Render != nil {
		if stmts, handled, err := a.rules.Render(op); handled || err != nil {
			return stmts, err
		}
	}
	switch op.Kind {
	case sa.OpExecute:
		return []string{op.SQL}, nil
	case sa.OpCreateTable:
		return a.createTable(op.CreateTable)
	case sa.OpDropTable:
		return a.dropTable(op.Schema, op.Table), nil
	case sa.OpRenameTable:
		return a.renameTable(op.Schema, op.Table, op.Name), nil
	case sa.OpAddColumn:
		return a.addColumn(op.Schema, op.Table, op.Column)
	case sa.OpDropColumn:
		return a.dropColumn(op.Schema, op.Table, op.Name), nil
	case sa.OpAlterColumn:
		return a.alterColumn(op.Alter)
	case sa.OpCreateIndex:
		return a.CreateIndex(op.Index), nil
	case sa.OpDropIndex:
		return a.dropIndex(op.Schema, op.Name), nil
	case sa.OpAddConstraint:
		return a.addConstraint(op.Schema, op.Table, op.Constraint)
	case sa.OpDropConstraint:
		return a.dropConstraint(op.Schema, op.Table, op.Name)
	case sa.OpTableComment:
		return a.tableComment(op.Schema, op.Table, op.Comment), nil
	}
	return nil, fmt.Errorf("unknown operation %d", op.Kind)
}

// LiveTable returns a table as the database has it now (reflected); nil when the
// database has no such table.
type LiveTable func() (*schema.Table, error)

// ErrNeedsLiveTable is returned by Rebuild when a rebuild needs the live table and
// none is available (offline --sql mode).
var ErrNeedsLiveTable = errors.New("rebuilding the table needs the live database (not available in --sql mode)")

// Rebuilds reports whether a `with op.batch_alter_table(...)` block of ops rebuilds the
// table rather than running each operation as an ALTER: PostgreSQL never does; SQLite does
// unless the block only adds columns with constant defaults and creates or drops indexes
// (Alembic's recreate="auto" rule), or with recreate="always". recreate="never" never does.
func (a *AlembicDDL) Rebuilds(ops []sa.Op, recreate string) bool {
	return a.rules.Rebuild != nil && recreate != "never" && (recreate == "always" || a.rules.NeedsRebuild(ops))
}

// Rebuild renders a batch block that Rebuilds: the table is rebuilt from its live
// definition with all of ops applied, keeping its rows. live nil is ErrNeedsLiveTable.
func (a *AlembicDDL) Rebuild(ops []sa.Op, live LiveTable) ([]string, error) {
	if live == nil {
		return nil, ErrNeedsLiveTable
	}
	t, err := live()
	if err != nil {
		return nil, err
	}
	if t == nil {
		return nil, fmt.Errorf("no table %s in the database to rebuild", ops[0].Table)
	}
	return a.rules.Rebuild(a, t, ops)
}

// CannotAlterError is a change a database cannot make with ALTER TABLE (SQLite: column
// type, nullability, default, constraints) outside a batch block.
type CannotAlterError struct {
	Dialect string
	What    string // e.g. "add a constraint"
}

func (e *CannotAlterError) Error() string {
	return fmt.Sprintf("%s cannot %s with ALTER TABLE", e.Dialect, e.What)
}

// AlembicDDL renders Alembic operations for one database. Every method returns the
// statements without terminators.
type AlembicDDL struct {
	rules AlembicRules
}

// AlembicRules is what one database does differently.
type AlembicRules struct {
	Name  string // dialect name, also the prefix of its index options ("postgresql_where")
	Quote func(string) string
	// TypeSQL renders a type; autoinc tells that the column is the table's autoincrement
	// column (PostgreSQL renders SERIAL).
	TypeSQL func(t sa.Type, autoinc bool) (string, error)
	// Comments: COMMENT ON statements exist (PostgreSQL); otherwise comments are dropped.
	Comments bool
	// Alter: ALTER COLUMN and ADD/DROP CONSTRAINT exist (PostgreSQL).
	Alter bool
	// Identity: GENERATED ... AS IDENTITY exists (PostgreSQL); otherwise sa.Identity is
	// left out, as SQLAlchemy does.
	Identity bool
	// EnumTypes: native enums are types of their own that CREATE TABLE creates first.
	EnumTypes bool
	// Functions render the server-default constructs of sa.Default.Func where the
	// database spells them otherwise than DefaultFunc; ParenDefaults wraps such defaults
	// in parentheses (SQLite).
	Functions     map[string]string
	ParenDefaults bool
	// StoredComputed: a generated column is always STORED (PostgreSQL has no VIRTUAL).
	StoredComputed bool
	// NeedsRebuild decides whether a batch block rebuilds the table (recreate="auto"),
	// and rebuild renders that from the live table; nil where tables are never rebuilt.
	NeedsRebuild func(ops []sa.Op) bool
	Rebuild      func(a *AlembicDDL, live *schema.Table, ops []sa.Op) ([]string, error)
	// The hooks below are for a database whose DDL departs from the ANSI forms (MySQL);
	// nil means the shared rendering.
	// ColumnSpec renders a column definition (CREATE TABLE, ADD COLUMN).
	ColumnSpec func(c sa.Column, autoinc bool) (string, error)
	// TableOptions follows CREATE TABLE's closing parenthesis (ENGINE=..., COMMENT=...).
	TableOptions func(t sa.Table) string
	// Render renders the operations the database spells its own way; handled false
	// leaves op to the shared rendering.
	Render func(op sa.Op) (stmts []string, handled bool, err error)
}

// AlembicDDLFor returns the renderer of d, or an error for a database without one.
func AlembicDDLFor(d Dialect) (*AlembicDDL, error) {
	r, ok := d.(AlembicRenderer)
	if !ok {
		return nil, fmt.Errorf("dialect: %s cannot run Alembic operations", d.Name())
	}
	return NewAlembicDDL(r.AlembicRules()), nil
}

// NewAlembicDDL returns the renderer following rules.
func NewAlembicDDL(rules AlembicRules) *AlembicDDL { return &AlembicDDL{rules: rules} }

func (a *AlembicDDL) table(schemaName, name string) string {
	if schemaName == "" {
		return a.rules.Quote(name)
	}
	return a.rules.Quote(schemaName) + "." + a.rules.Quote(name)
}

func (a *AlembicDDL) columnList(cols []string) string {
	q := make([]string, len(cols))
	for i, c := range cols {
		q[i] = a.rules.Quote(c)
	}
	return strings.Join(q, ", ")
}

// autoincrementColumn is SQLAlchemy's Table.autoincrement_column: the single integer
// primary-key column, unless it says autoincrement=False, has a server default or (with
// "auto") a foreign key; a column saying autoincrement=True always qualifies.
func autoincrementColumn(t sa.Table) string {
	var pk []string
	for _, c := range t.Columns {
		if c.PrimaryKey {
			pk = append(pk, c.Name)
		}
	}
	for _, k := range t.Constraints {
		if k.Kind == sa.PrimaryKeyConstraint {
			pk = k.Columns
		}
	}
	for _, c := range t.Columns {
		if c.Autoincrement == "true" && ContainsFold(pk, c.Name) {
			return c.Name
		}
	}
	if len(pk) != 1 {
		return ""
	}
	for _, c := range t.Columns {
		if c.Name != pk[0] || c.Autoincrement == "false" || c.Default != nil || !isIntegerType(c.Type) {
			continue
		}
		for _, k := range t.Constraints {
			if k.Kind == sa.ForeignKeyConstraint && ContainsFold(k.Columns, c.Name) {
				return ""
			}
		}
		return c.Name
	}
	return ""
}

func isIntegerType(t sa.Type) bool {
	switch t.Name {
	case "Integer", "BigInteger", "SmallInteger", "INTEGER", "BIGINT", "SMALLINT", "INT":
		return true
	}
	return false
}

func (a *AlembicDDL) ColumnSpec(c sa.Column, autoinc bool) (string, error) {
	if a.rules.ColumnSpec != nil {
		return a.rules.ColumnSpec(c, autoinc)
	}
	identity := c.Identity != nil && a.rules.Identity
	typ, err := a.rules.TypeSQL(c.Type, autoinc && !identity)
	if err != nil {
		return "", fmt.Errorf("column %s: %w", c.Name, err)
	}
	spec := a.rules.Quote(c.Name) + " " + typ
	if c.Default != nil {
		spec += " DEFAULT " + a.DefaultSQL(*c.Default)
	}
	if k := c.Computed; k != nil {
		spec += " GENERATED ALWAYS AS (" + k.SQL + ")"
		switch {
		case k.Persisted != nil && !*k.Persisted && !a.rules.StoredComputed:
			spec += " VIRTUAL"
		case k.Persisted != nil || a.rules.StoredComputed:
			spec += " STORED"
		}
	}
	switch {
	case identity:
		// An identity column is NOT NULL by itself; SQLAlchemy says NULL only when asked.
		spec += map[bool]string{true: " GENERATED ALWAYS AS IDENTITY", false: " GENERATED BY DEFAULT AS IDENTITY"}[c.Identity.Always]
		if c.Identity.Options != "" {
			spec += " (" + c.Identity.Options + ")"
		}
		if c.Nullable {
			spec += " NULL"
		}
	case !c.Nullable:
		spec += " NOT NULL"
	}
	return spec, nil
}

func (a *AlembicDDL) DefaultSQL(d sa.Default) string {
	switch {
	case d.Literal:
		return Literal(d.SQL)
	case d.Func != "":
		s, ok := a.rules.Functions[d.Func]
		if !ok {
			s = DefaultFunc(d.Func)
		}
		if a.rules.ParenDefaults {
			s = "(" + s + ")"
		}
		return s
	}
	return d.SQL
}

// DefaultFunc is SQLAlchemy's generic rendering of a sa.Default.Func: false and true as
// keywords, the ANSI functions without parentheses, others as name().
func DefaultFunc(name string) string {
	switch name {
	case "false", "true":
		return name
	case "current_timestamp", "current_date", "current_time", "localtime", "localtimestamp", "current_user", "session_user", "user":
		return strings.ToUpper(name)
	}
	return name + "()"
}

func (a *AlembicDDL) ConstraintSQL(k sa.Constraint) string {
	s := ""
	if k.Name != "" {
		s = "CONSTRAINT " + a.rules.Quote(k.Name) + " "
	}
	switch k.Kind {
	case sa.PrimaryKeyConstraint:
		s += "PRIMARY KEY (" + a.columnList(k.Columns) + ")"
	case sa.UniqueConstraint:
		s += "UNIQUE (" + a.columnList(k.Columns) + ")"
	case sa.CheckConstraint:
		s += "CHECK (" + k.Check + ")"
	case sa.ForeignKeyConstraint:
		s += "FOREIGN KEY(" + a.columnList(k.Columns) + ") REFERENCES " + a.table(k.RefSchema, k.RefTable) +
			" (" + a.columnList(k.RefColumns) + ")"
		if k.OnDelete != "" {
			s += " ON DELETE " + k.OnDelete
		}
		if k.OnUpdate != "" {
			s += " ON UPDATE " + k.OnUpdate
		}
	}
	// unique constraints and foreign keys alike (SQLAlchemy renders both)
	if k.Deferrable != nil {
		if *k.Deferrable {
			s += " DEFERRABLE"
		} else {
			s += " NOT DEFERRABLE"
		}
	}
	if k.Initially != "" {
		s += " INITIALLY " + k.Initially
	}
	return s
}

// enumTypes returns CREATE TYPE statements for the native enum types of cols that CREATE
// TABLE creates (each name once).
func (a *AlembicDDL) enumTypes(cols []sa.Column) []string {
	if !a.rules.EnumTypes {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	for _, c := range cols {
		t := c.Type
		if t.Item != nil {
			t = *t.Item
		}
		if t.Name != "Enum" || !t.NativeEnum || !t.CreateType || t.EnumName == "" {
			continue
		}
		name := a.table(t.EnumSchema, t.EnumName)
		if seen[name] {
			continue
		}
		seen[name] = true
		lits := make([]string, len(t.Values))
		for i, v := range t.Values {
			lits[i] = Literal(v)
		}
		out = append(out, "CREATE TYPE "+name+" AS ENUM ("+strings.Join(lits, ", ")+")")
	}
	return out
}

// createTable renders op.create_table: the enum types it needs, CREATE TABLE, then the
// table and column comments.
func (a *AlembicDDL) createTable(t sa.Table) ([]string, error) {
	out := a.enumTypes(t.Columns)
	auto := autoincrementColumn(t)
	var items []string
	for _, c := range t.Columns {
		spec, err := a.ColumnSpec(c, c.Name == auto)
		if err != nil {
			return nil, err
		}
		items = append(items, spec)
	}
	// SQLAlchemy puts the primary key first, then the other constraints in creation order.
	var pkCols []string
	for _, c := range t.Columns {
		if c.PrimaryKey {
			pkCols = append(pkCols, c.Name)
		}
	}
	pk := -1
	for i, k := range t.Constraints {
		if k.Kind == sa.PrimaryKeyConstraint {
			pk = i
		}
	}
	if pk >= 0 {
		items = append(items, a.ConstraintSQL(t.Constraints[pk]))
	} else if len(pkCols) > 0 {
		items = append(items, a.ConstraintSQL(sa.Constraint{Kind: sa.PrimaryKeyConstraint, Columns: pkCols}))
	}
	for i, k := range t.Constraints {
		if i != pk {
			items = append(items, a.ConstraintSQL(k))
		}
	}
	create := "CREATE TABLE " + a.table(t.Schema, t.Name) + " (\n    " + strings.Join(items, ",\n    ") + "\n)"
	if a.rules.TableOptions != nil {
		create += a.rules.TableOptions(t)
	}
	out = append(out, create)
	if a.rules.Comments {
		if t.Comment != "" {
			out = append(out, "COMMENT ON TABLE "+a.table(t.Schema, t.Name)+" IS "+Literal(t.Comment))
		}
		for _, c := range t.Columns {
			if c.Comment != "" {
				out = append(out, a.columnComment(t.Schema, t.Name, c.Name, &c.Comment))
			}
		}
	}
	return out, nil
}

func (a *AlembicDDL) columnComment(schemaName, table, column string, comment *string) string {
	v := "NULL"
	if *comment != "" {
		v = Literal(*comment)
	}
	return "COMMENT ON COLUMN " + a.table(schemaName, table) + "." + a.rules.Quote(column) + " IS " + v
}

// dropTable renders op.drop_table.
func (a *AlembicDDL) dropTable(schemaName, name string) []string {
	return []string{"DROP TABLE " + a.table(schemaName, name)}
}

// renameTable renders op.rename_table.
func (a *AlembicDDL) renameTable(schemaName, from, to string) []string {
	return []string{"ALTER TABLE " + a.table(schemaName, from) + " RENAME TO " + a.rules.Quote(to)}
}

// addColumn renders op.add_column (as Alembic, it does not create an enum type).
func (a *AlembicDDL) addColumn(schemaName, table string, c sa.Column) ([]string, error) {
	spec, err := a.ColumnSpec(c, false)
	if err != nil {
		return nil, err
	}
	out := []string{"ALTER TABLE " + a.table(schemaName, table) + " ADD COLUMN " + spec}
	if a.rules.Comments && c.Comment != "" {
		out = append(out, a.columnComment(schemaName, table, c.Name, &c.Comment))
	}
	return out, nil
}

// dropColumn renders op.drop_column.
func (a *AlembicDDL) dropColumn(schemaName, table, column string) []string {
	return []string{"ALTER TABLE " + a.table(schemaName, table) + " DROP COLUMN " + a.rules.Quote(column)}
}

// alterColumn renders op.alter_column in Alembic's order: type, nullability, default,
// comment, and the new name last. A database without ALTER COLUMN (SQLite) can only
// rename; anything else is a *CannotAlterError.
func (a *AlembicDDL) alterColumn(c sa.AlterColumn) ([]string, error) {
	tn := a.table(c.Schema, c.Table)
	col := tn + " ALTER COLUMN " + a.rules.Quote(c.Column)
	var out []string
	if !a.rules.Alter && (c.Type != nil || c.Nullable != nil || c.Default != nil) {
		return nil, &CannotAlterError{Dialect: a.rules.Name, What: "change a column's type, nullability or default"}
	}
	if c.Type != nil {
		typ, err := a.rules.TypeSQL(*c.Type, false)
		if err != nil {
			return nil, err
		}
		s := "ALTER TABLE " + col + " TYPE " + typ
		if c.Using != "" {
			s += " USING " + c.Using
		}
		out = append(out, s)
	}
	if c.Nullable != nil {
		if *c.Nullable {
			out = append(out, "ALTER TABLE "+col+" DROP NOT NULL")
		} else {
			out = append(out, "ALTER TABLE "+col+" SET NOT NULL")
		}
	}
	if c.Default != nil {
		if d := *c.Default; d != nil {
			out = append(out, "ALTER TABLE "+col+" SET DEFAULT "+a.DefaultSQL(*d))
		} else {
			out = append(out, "ALTER TABLE "+col+" DROP DEFAULT")
		}
	}
	if c.Comment != nil && a.rules.Comments {
		out = append(out, a.columnComment(c.Schema, c.Table, c.Column, c.Comment))
	}
	if c.NewName != "" {
		out = append(out, "ALTER TABLE "+tn+" RENAME "+a.rules.Quote(c.Column)+" TO "+a.rules.Quote(c.NewName))
	}
	return out, nil
}

// createIndex renders op.create_index with this database's <dialect>_using and
// <dialect>_where options (the other databases' options are ignored, as SQLAlchemy does).
func (a *AlembicDDL) CreateIndex(ix sa.Index) []string {
	s := "CREATE "
	if ix.Unique {
		s += "UNIQUE "
	}
	s += "INDEX " + a.rules.Quote(ix.Name) + " ON " + a.table(ix.Schema, ix.Table) + " "
	if using := ix.DialectOptions[a.rules.Name+"_using"]; using != "" {
		s += "USING " + using + " "
	}
	parts := make([]string, len(ix.Columns))
	for i, c := range ix.Columns {
		if i < len(ix.Expressions) && ix.Expressions[i] {
			parts[i] = c
		} else {
			parts[i] = a.rules.Quote(c)
		}
	}
	s += "(" + strings.Join(parts, ", ") + ")"
	if include := ix.DialectOptions[a.rules.Name+"_include"]; include != "" {
		s += " INCLUDE (" + a.columnList(strings.Split(include, ",")) + ")"
	}
	if where := ix.DialectOptions[a.rules.Name+"_where"]; where != "" {
		s += " WHERE " + where
	}
	return []string{s}
}

// dropIndex renders op.drop_index.
func (a *AlembicDDL) dropIndex(schemaName, name string) []string {
	return []string{"DROP INDEX " + a.table(schemaName, name)}
}

// addConstraint renders op.create_unique_constraint, op.create_foreign_key,
// op.create_check_constraint and op.create_primary_key.
func (a *AlembicDDL) addConstraint(schemaName, table string, k sa.Constraint) ([]string, error) {
	if !a.rules.Alter {
		return nil, &CannotAlterError{Dialect: a.rules.Name, What: "add a constraint"}
	}
	return []string{"ALTER TABLE " + a.table(schemaName, table) + " ADD " + a.ConstraintSQL(k)}, nil
}

// dropConstraint renders op.drop_constraint.
func (a *AlembicDDL) dropConstraint(schemaName, table, name string) ([]string, error) {
	if !a.rules.Alter {
		return nil, &CannotAlterError{Dialect: a.rules.Name, What: "drop a constraint"}
	}
	return []string{"ALTER TABLE " + a.table(schemaName, table) + " DROP CONSTRAINT " + a.rules.Quote(name)}, nil
}

// tableComment renders op.create_table_comment (comment != "") and op.drop_table_comment;
// nothing where the database has no comments.
func (a *AlembicDDL) tableComment(schemaName, table, comment string) []string {
	if !a.rules.Comments {
		return nil
	}
	v := "NULL"
	if comment != "" {
		v = Literal(comment)
	}
	return []string{"COMMENT ON TABLE " + a.table(schemaName, table) + " IS " + v}
}

// SizedType renders NAME, NAME(length) or NAME(precision, scale).
func SizedType(name string, t sa.Type) string {
	switch {
	case t.Length > 0:
		return name + "(" + strconv.Itoa(t.Length) + ")"
	case t.Precision > 0 && t.Scale >= 0:
		return name + "(" + strconv.Itoa(t.Precision) + ", " + strconv.Itoa(t.Scale) + ")"
	case t.Precision > 0:
		return name + "(" + strconv.Itoa(t.Precision) + ")"
	}
	return name
}

// EnumLength is the VARCHAR length of a non-native enum: length=, or its longest value.
func EnumLength(t sa.Type) int {
	n := t.Length
	for _, v := range t.Values {
		n = max(n, len([]rune(v)))
	}
	return n
}

// GenericType renders the types both databases spell alike; ok is false for others.
func GenericType(t sa.Type) (string, bool) {
	switch t.Name {
	case "Integer", "INTEGER", "INT":
		return "INTEGER", true
	case "BigInteger", "BIGINT":
		return "BIGINT", true
	case "SmallInteger", "SMALLINT":
		return "SMALLINT", true
	case "String", "Unicode", "VARCHAR", "NVARCHAR":
		return SizedType("VARCHAR", t), true
	case "CHAR", "NCHAR":
		return SizedType(t.Name, t), true
	case "Text", "UnicodeText", "TEXT", "CLOB":
		return "TEXT", true
	case "Boolean", "BOOLEAN":
		return "BOOLEAN", true
	case "Date", "DATE":
		return "DATE", true
	case "Numeric", "NUMERIC", "DECIMAL":
		name := t.Name
		if name == "Numeric" {
			name = "NUMERIC"
		}
		return SizedType(name, t), true
	case "Float", "FLOAT":
		return SizedType("FLOAT", sa.Type{Precision: t.Precision, Scale: -1}), true
	case "REAL":
		return "REAL", true
	case "JSON":
		return "JSON", true
	case "Enum":
		if !t.NativeEnum {
			return SizedType("VARCHAR", sa.Type{Length: EnumLength(t)}), true
		}
	}
	return "", false
}

// ContainsFold reports whether list holds v, ignoring case.
func ContainsFold(list []string, v string) bool {
	for _, x := range list {
		if strings.EqualFold(x, v) {
			return true
		}
	}
	return false
}
