// Package schema describes a database schema as plain values (tables, columns, keys,
// indexes, checks, enums) and the operations that turn one schema into another. Reflection
// (package dialect) produces these values, the diff (package autogen) compares them, and
// the renderers (package dialect) turn operations into SQL. Nothing here talks to a database.
package schema

// Schema is everything autogenerate compares, for one or more database schemas.
type Schema struct {
	Tables      []*Table
	Enums       []*Enum
	Unsupported []*Object // views, sequences, functions, triggers: listed, never diffed into SQL
}

// Table returns the table with the given schema and name, or nil.
func (s *Schema) Table(schemaName, name string) *Table {
	for _, t := range s.Tables {
		if t.Schema == schemaName && t.Name == name {
			return t
		}
	}
	return nil
}

// Enum returns the enum type with the given schema and name, or nil.
func (s *Schema) Enum(schemaName, name string) *Enum {
	for _, e := range s.Enums {
		if e.Schema == schemaName && e.Name == name {
			return e
		}
	}
	return nil
}

// Table is one table. Schema is "" on SQLite and the PostgreSQL schema name otherwise.
type Table struct {
	Schema      string
	Name        string
	Columns     []*Column
	PrimaryKey  *Constraint // nil when the table has none
	Uniques     []*Constraint
	ForeignKeys []*ForeignKey
	Checks      []*Constraint
	Indexes     []*Index
	Comment     string
	// Options are table options that change how rows are stored, as the stored CREATE
	// TABLE spells them (SQLite: "WITHOUT ROWID", "STRICT"); "" when none.
	Options string
	// SQL is the table's stored CREATE TABLE statement where the database keeps one
	// (SQLite); renderers that rebuild tables reuse it verbatim.
	SQL string
	// Triggers are the CREATE TRIGGER statements on this table (SQLite), recreated after a
	// rebuild. Triggers are otherwise unsupported objects.
	Triggers []string
}

// QualifiedName is schema.name, or name when Schema is "".
func (t *Table) QualifiedName() string { return qualify(t.Schema, t.Name) }

// Column returns the named column or nil.
func (t *Table) Column(name string) *Column {
	for _, c := range t.Columns {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// Column is one table column.
type Column struct {
	Name    string
	Type    string // as the database prints it (PostgreSQL format_type; SQLite declared type)
	NotNull bool
	Default string // server default expression; "" when none (and for serial columns)
	// Identity is "ALWAYS" or "BY DEFAULT" for identity columns, "" otherwise.
	Identity string
	// Serial marks a column whose default is nextval() of a sequence it owns (SERIAL).
	Serial bool
	// AutoIncrement marks a MySQL AUTO_INCREMENT column.
	AutoIncrement bool
	// OnUpdate is a MySQL ON UPDATE expression (CURRENT_TIMESTAMP); "" when none.
	OnUpdate string
	// Generated is the expression of a generated column ("" when not generated);
	// GeneratedStored tells STORED from VIRTUAL (SQLite).
	Generated       string
	GeneratedStored bool
	Comment         string
	Collation       string // "" for the type's default
	// Def is the column's definition text as written in the stored CREATE TABLE (SQLite),
	// used to render ADD COLUMN.
	Def string
}

// Constraint is a primary key, unique or check constraint. Name is "" where the database
// does not keep one (unnamed constraints on SQLite).
type Constraint struct {
	Name    string
	Columns []string // primary key and unique
	// Def is the constraint body as the database prints it, e.g. "UNIQUE (a, b)" or
	// "CHECK ((price > 0))"; two constraints are equal when their Defs are.
	Def string
	// AutoName reports that Name is the one the database generated, so it does not take
	// part in comparison.
	AutoName bool
}

// ForeignKey is a FOREIGN KEY constraint.
type ForeignKey struct {
	Constraint
	RefSchema  string
	RefTable   string
	RefColumns []string
	OnDelete   string // NO ACTION, RESTRICT, CASCADE, SET NULL, SET DEFAULT
	OnUpdate   string
}

// Index is an index that does not back a constraint.
type Index struct {
	Name   string
	Unique bool
	// Def is the index body after the table name as the database prints it, e.g.
	// "USING btree (lower(email)) WHERE (active)"; two indexes are equal when their names
	// (unless AutoName), Unique and Def are.
	Def      string
	Columns  []string // column names, or expressions for expression parts
	Where    string   // partial index predicate, "" when none
	SQL      string   // stored CREATE INDEX statement where the database keeps one (SQLite)
	AutoName bool
}

// Enum is a PostgreSQL enum type.
type Enum struct {
	Schema string
	Name   string
	Values []string
}

// QualifiedName is schema.name, or name when Schema is "".
func (e *Enum) QualifiedName() string { return qualify(e.Schema, e.Name) }

// Object is a database object autogenerate does not manage.
type Object struct {
	Kind       string // "view", "materialized view", "sequence", "function", "trigger"
	Schema     string
	Name       string
	Table      string // the table a trigger belongs to
	Definition string // compared to tell whether the object differs
}

// QualifiedName is schema.name, or name when Schema is "".
func (o *Object) QualifiedName() string { return qualify(o.Schema, o.Name) }

func qualify(schemaName, name string) string {
	if schemaName == "" {
		return name
	}
	return schemaName + "." + name
}
