// Package sa is the data model of Alembic's op.* calls with their arguments evaluated:
// SQLAlchemy column types, columns, constraints, tables, indexes and the operations
// themselves. pyop builds these values from revision files; each dialect's Alembic
// renderer turns them into SQL. It is a leaf package of its own because both sides need
// it and pyop imports the dialects (the values could not live in pyop without a cycle).
package sa

// Type is a SQLAlchemy column type as a revision writes it, e.g. sa.String(length=50).
type Type struct {
	// Name is the class name without its module: "Integer", "String", "VARCHAR",
	// "DateTime", "Enum" (also for postgresql.ENUM), "JSONB", "ARRAY", ...
	Name      string
	Length    int // String, VARCHAR, CHAR, Unicode; 0: none
	Precision int // Numeric, Float, DECIMAL; 0: none
	Scale     int // Numeric, DECIMAL; -1: none
	Timezone  bool
	// Enum: the values, the type's name and schema, whether the database's own enum type
	// is used (native_enum) and whether CREATE TABLE creates it (create_type).
	Values             []string
	EnumName           string
	EnumSchema         string
	NativeEnum         bool
	CreateType         bool
	Item               *Type // ARRAY: the element type
	PostgresDimensions int   // ARRAY: dimensions (0 or 1: one "[]")
	// Variants are with_variant(...) types by SQLAlchemy dialect name; For picks one.
	Variants map[string]Type
	// MySQL's own types (sqlalchemy.dialects.mysql): UNSIGNED, ZEROFILL, the display
	// width of integers (0: none) and fractional seconds of DATETIME/TIMESTAMP/TIME.
	Unsigned, Zerofill bool
	DisplayWidth       int
	Fsp                int
	// Charset and Collation of MySQL's string types; National, ASCII, Unicode and
	// Binary are their national=, ascii=, unicode= and binary= flags.
	Charset, Collation               string
	National, ASCII, Unicode, Binary bool
}

// For returns the type a database of the given SQLAlchemy dialect name uses: its
// with_variant type, else t.
func (t Type) For(dialectName string) Type {
	if v, ok := t.Variants[dialectName]; ok {
		return v
	}
	return t
}

// Default is a column's server_default: a string literal (quoted when rendered) or
// SQL text (sa.text(...)), rendered as written.
type Default struct {
	SQL     string
	Literal bool
	// Func is a SQL construct instead of SQL: "false", "true" (sa.false(), sa.true()) or
	// the name of an argument-less sa.func ("now"); each database renders it its way.
	Func string
}

// Computed is sa.Computed(sqltext, persisted=...): a generated column.
type Computed struct {
	SQL       string
	Persisted *bool // nil: the database's default
}

// Column is sa.Column(...).
type Column struct {
	Name       string
	Type       Type
	Nullable   bool
	PrimaryKey bool
	Default    *Default // nil: none
	// Autoincrement is "auto" (SQLAlchemy's default), "true" or "false".
	Autoincrement string
	Comment       string
	Identity      *Identity // sa.Identity(...); nil: none
	Computed      *Computed // sa.Computed(...); nil: none
}

// Identity is an identity column's generation: ALWAYS or BY DEFAULT, and the options
// clause ("INCREMENT BY 1 START WITH 1 ..."; "" for none).
type Identity struct {
	Always  bool
	Options string
}

// ConstraintKind names a table constraint.
type ConstraintKind string

const (
	PrimaryKeyConstraint ConstraintKind = "primary"
	UniqueConstraint     ConstraintKind = "unique"
	CheckConstraint      ConstraintKind = "check"
	ForeignKeyConstraint ConstraintKind = "foreignkey"
)

// Constraint is sa.PrimaryKeyConstraint, sa.UniqueConstraint, sa.CheckConstraint or
// sa.ForeignKeyConstraint (and the op.create_* forms).
type Constraint struct {
	Kind       ConstraintKind
	Name       string // "": unnamed
	Columns    []string
	Check      string // CHECK: the SQL condition
	RefSchema  string
	RefTable   string
	RefColumns []string
	OnDelete   string
	OnUpdate   string
	Deferrable *bool
	Initially  string
}

// Table is op.create_table(...): columns and constraints in the order written.
type Table struct {
	Schema      string
	Name        string
	Columns     []Column
	Constraints []Constraint
	Comment     string
	// Options are the <dialect>_<option> keyword arguments (mysql_engine='InnoDB'), in
	// the order written: name and value.
	Options [][2]string
}

// Index is op.create_index(...). Columns are names; Expressions marks the ones given as
// sa.text(...) SQL. DialectOptions are the <dialect>_<option> keyword arguments
// (postgresql_where, postgresql_using, sqlite_where), each database using its own.
type Index struct {
	Schema         string
	Table          string
	Name           string
	Columns        []string
	Expressions    []bool
	Unique         bool
	DialectOptions map[string]string
}

// AlterColumn is op.alter_column(...): nil fields (and "" NewName) are not changed.
type AlterColumn struct {
	Schema, Table, Column string
	Nullable              *bool
	Default               **Default // non-nil: change; *Default nil: drop the default
	Type                  *Type
	Comment               *string // non-nil: change; "" drops the comment
	NewName               string
	Using                 string // postgresql_using
	// What the column is now (existing_*), and autoincrement: MySQL restates the whole
	// column when it changes any of it. nil: not given.
	ExistingType          *Type
	ExistingNullable      *bool
	ExistingDefault       *Default
	ExistingComment       *string
	Autoincrement         *bool
	ExistingAutoincrement *bool
}

// OpKind names an Alembic operation.
type OpKind int

const (
	OpExecute        OpKind = iota + 1 // op.execute: SQL
	OpCreateTable                      // CreateTable
	OpDropTable                        // Schema, Table
	OpRenameTable                      // Schema, Table, Name (the new name)
	OpAddColumn                        // Schema, Table, Column
	OpDropColumn                       // Schema, Table, Name
	OpAlterColumn                      // Alter
	OpCreateIndex                      // Index
	OpDropIndex                        // Schema, Table (may be ""), Name
	OpAddConstraint                    // Schema, Table, Constraint
	OpDropConstraint                   // Schema, Table, Name; Constraint.Kind is type_ ("" when not given)
	OpTableComment                     // Schema, Table, Comment ("" drops it)
)

// Op is one Alembic operation with its arguments evaluated.
type Op struct {
	Kind          OpKind
	Schema, Table string
	Name          string
	SQL           string
	CreateTable   Table
	Column        Column
	Alter         AlterColumn
	Index         Index
	Constraint    Constraint
	Comment       string
}
