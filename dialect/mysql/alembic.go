package mysql

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/pyop/sa"
)

// Alembic's op.* calls as SQLAlchemy 1.4's mysql dialect and Alembic 1.8's MySQLImpl print
// them: column attributes in SQLAlchemy's order (NOT NULL, COMMENT, AUTO_INCREMENT or
// DEFAULT), table options after the closing parenthesis, inline ENUM(...), alter_column as
// MODIFY (or CHANGE for a rename, and for a DATETIME/TIMESTAMP column) restating the whole
// column from existing_type/existing_nullable/existing_server_default/existing_comment,
// ALTER COLUMN ... SET/DROP DEFAULT for a default alone, DROP FOREIGN KEY / DROP INDEX /
// DROP PRIMARY KEY / DROP CHECK (DROP CONSTRAINT on MariaDB) by constraint type, DROP INDEX
// ... ON table, and <dialect>_length / <dialect>_prefix / mysql_using index options.
// SQLAlchemy reads options with the dialect's own prefix, so a mariadb:// URL ignores
// mysql_engine and mysql_length, as SQLAlchemy's mariadb dialect does.

// AlembicRules implements dialect.AlembicRenderer.
func (d Dialect) AlembicRules() dialect.AlembicRules {
	return alembicRules{name: d.Name(), quote: d.QuoteIdent}.rules()
}

func (r alembicRules) rules() dialect.AlembicRules {
	return dialect.AlembicRules{Name: r.name, Quote: r.quote, TypeSQL: r.typeSQL, Alter: true,
		ColumnSpec: r.columnSpec, TableOptions: r.tableOptions, Render: r.render}
}

var _ dialect.AlembicRenderer = Dialect{}

type alembicRules struct {
	name  string // "mysql" or "mariadb": the prefix of the options SQLAlchemy reads
	quote func(string) string
}

func (r alembicRules) table(schemaName, name string) string {
	if schemaName == "" {
		return r.quote(name)
	}
	return r.quote(schemaName) + "." + r.quote(name)
}

// typeSQL renders a type as MySQLTypeCompiler does.
func (r alembicRules) typeSQL(t sa.Type, _ bool) (string, error) {
	numeric := func(s string) string {
		if t.Unsigned {
			s += " UNSIGNED"
		}
		if t.Zerofill {
			s += " ZEROFILL"
		}
		return s
	}
	sized := func(name string, n int) string {
		if n > 0 {
			return name + "(" + strconv.Itoa(n) + ")"
		}
		return name
	}
	precision := func(name string, both bool) string {
		switch {
		case t.Precision > 0 && t.Scale >= 0:
			return numeric(fmt.Sprintf("%s(%d, %d)", name, t.Precision, t.Scale))
		case t.Precision > 0 && !both:
			return numeric(fmt.Sprintf("%s(%d)", name, t.Precision))
		}
		return numeric(name)
	}
	// _extend_string: character set and collation of the string types
	str := func(spec string, national bool) string {
		if national || t.National {
			spec = "NATIONAL " + spec
		} else {
			switch {
			case t.Charset != "":
				spec += " CHARACTER SET " + t.Charset
			case t.ASCII:
				spec += " ASCII"
			case t.Unicode:
				spec += " UNICODE"
			}
		}
		switch {
		case t.Collation != "":
			spec += " COLLATE " + t.Collation
		case t.Binary:
			spec += " BINARY"
		}
		return spec
	}
	switch t.Name {
	case "Integer", "INTEGER", "INT":
		return numeric(sized("INTEGER", t.DisplayWidth)), nil
	case "BigInteger", "BIGINT":
		return numeric(sized("BIGINT", t.DisplayWidth)), nil
	case "SmallInteger", "SMALLINT":
		return numeric(sized("SMALLINT", t.DisplayWidth)), nil
	case "TINYINT", "MEDIUMINT":
		return numeric(sized(t.Name, t.DisplayWidth)), nil
	case "Boolean", "BOOLEAN":
		return "BOOL", nil
	case "String", "Unicode", "VARCHAR", "NVARCHAR":
		if t.Length == 0 {
			return "", fmt.Errorf("VARCHAR requires a length on dialect %s", r.name)
		}
		return str(sized("VARCHAR", t.Length), t.Name == "NVARCHAR"), nil
	case "CHAR", "NCHAR":
		return str(sized("CHAR", t.Length), t.Name == "NCHAR"), nil
	case "Text", "UnicodeText", "TEXT", "CLOB":
		return str(sized("TEXT", t.Length), false), nil
	case "TINYTEXT", "MEDIUMTEXT", "LONGTEXT":
		return str(t.Name, false), nil
	case "TINYBLOB", "MEDIUMBLOB", "LONGBLOB", "DATE", "Date", "JSON", "REAL":
		return strings.ToUpper(t.Name), nil
	case "Numeric", "NUMERIC":
		return precision("NUMERIC", false), nil
	case "DECIMAL":
		return precision("DECIMAL", false), nil
	case "DOUBLE", "Double":
		return precision("DOUBLE", true), nil
	case "DOUBLE_PRECISION":
		return "DOUBLE PRECISION", nil
	case "Float", "FLOAT":
		return precision("FLOAT", false), nil
	case "DateTime", "DATETIME", "Interval":
		return sized("DATETIME", t.Fsp), nil
	case "TIMESTAMP":
		return sized("TIMESTAMP", t.Fsp), nil
	case "Time", "TIME":
		return sized("TIME", t.Fsp), nil
	case "YEAR":
		return sized("YEAR", t.DisplayWidth), nil
	case "BIT", "BLOB", "LargeBinary":
		name := t.Name
		if name == "LargeBinary" {
			name = "BLOB"
		}
		return sized(name, t.Length), nil
	case "VARBINARY", "BINARY":
		return sized(t.Name, t.Length), nil
	case "Enum", "ENUM", "SET":
		if t.Name == "Enum" && !t.NativeEnum {
			return sized("VARCHAR", dialect.EnumLength(t)), nil
		}
		name := "ENUM"
		if t.Name == "SET" {
			name = "SET"
		}
		vals := make([]string, len(t.Values))
		for i, v := range t.Values {
			vals[i] = "'" + strings.ReplaceAll(v, "'", "''") + "'"
		}
		return str(name+"("+strings.Join(vals, ",")+")", false), nil
	}
	return "", fmt.Errorf("type %s is not supported on MySQL by retort", t.Name)
}

func isTimestamp(t sa.Type) bool { return t.Name == "TIMESTAMP" }

// dateTimeAffinity: SQLAlchemy's DateTime and its subclasses (Alembic renames and gives
// such columns their default with CHANGE).
func dateTimeAffinity(t sa.Type) bool {
	switch t.Name {
	case "DateTime", "DATETIME", "TIMESTAMP":
		return true
	}
	return false
}

func saDefault(d sa.Default) string {
	switch {
	case d.Literal:
		return literal(d.SQL)
	case d.Func != "":
		return dialect.DefaultFunc(d.Func)
	}
	return d.SQL
}

// columnSpec is MySQLDDLCompiler.get_column_specification.
func (r alembicRules) columnSpec(c sa.Column, autoinc bool) (string, error) {
	typ, err := r.typeSQL(c.Type, autoinc)
	if err != nil {
		return "", fmt.Errorf("column %s: %w", c.Name, err)
	}
	spec := r.quote(c.Name) + " " + typ
	if k := c.Computed; k != nil {
		spec += " GENERATED ALWAYS AS (" + k.SQL + ")"
		if k.Persisted != nil {
			spec += map[bool]string{true: " STORED", false: " VIRTUAL"}[*k.Persisted]
		}
	}
	switch {
	case !c.Nullable:
		spec += " NOT NULL"
	case isTimestamp(c.Type):
		spec += " NULL"
	}
	if c.Comment != "" {
		spec += " COMMENT " + literal(c.Comment)
	}
	switch {
	case autoinc && c.Default == nil:
		spec += " AUTO_INCREMENT"
	case c.Default != nil:
		spec += " DEFAULT " + saDefault(*c.Default)
	}
	return spec, nil
}

// tableOptions is MySQLDDLCompiler.post_create_table: the <dialect>_<option> arguments
// and the comment. SQLAlchemy orders them by a set's iteration (only COLLATE is placed
// after the character set); retort keeps the order written, COLLATE after the character
// set and COMMENT last.
func (r alembicRules) tableOptions(t sa.Table) string {
	var opts, collate []string
	for _, o := range t.Options {
		key, ok := strings.CutPrefix(o[0], r.name+"_")
		if !ok {
			continue
		}
		key = strings.ToUpper(key)
		value := o[1]
		if key == "PASSWORD" || key == "CONNECTION" {
			value = literal(value)
		}
		switch key {
		case "DATA_DIRECTORY", "INDEX_DIRECTORY", "DEFAULT_CHARACTER_SET", "CHARACTER_SET", "DEFAULT_CHARSET", "DEFAULT_COLLATE",
			"PARTITION_BY", "PARTITIONS", "SUBPARTITION_BY", "SUBPARTITIONS":
			key = strings.ReplaceAll(key, "_", " ")
		}
		joiner := "="
		switch key {
		case "TABLESPACE", "DEFAULT CHARACTER SET", "CHARACTER SET", "COLLATE", "PARTITION BY", "PARTITIONS", "SUBPARTITION BY", "SUBPARTITIONS":
			joiner = " "
		}
		if key == "COLLATE" {
			collate = append(collate, key+joiner+value)
		} else {
			opts = append(opts, key+joiner+value)
		}
	}
	opts = append(opts, collate...)
	if t.Comment != "" {
		opts = append(opts, "COMMENT="+literal(t.Comment))
	}
	return strings.Join(opts, " ")
}

// render renders the operations MySQL spells its own way.
func (r alembicRules) render(op sa.Op) ([]string, bool, error) {
	tn := r.table(op.Schema, op.Table)
	switch op.Kind {
	case sa.OpAlterColumn:
		s, err := r.alterColumn(op.Alter)
		return s, true, err
	case sa.OpCreateIndex:
		return []string{r.createIndex(op.Index)}, true, nil
	case sa.OpDropIndex:
		if op.Table == "" {
			return nil, true, fmt.Errorf("drop_index(%s) needs table_name on MySQL (DROP INDEX ... ON table)", op.Name)
		}
		return []string{"DROP INDEX " + r.quote(op.Name) + " ON " + tn}, true, nil
	case sa.OpDropConstraint:
		name := r.quote(op.Name)
		switch op.Constraint.Kind {
		case sa.ForeignKeyConstraint:
			return []string{"ALTER TABLE " + tn + " DROP FOREIGN KEY " + name}, true, nil
		case sa.PrimaryKeyConstraint:
			return []string{"ALTER TABLE " + tn + " DROP PRIMARY KEY"}, true, nil
		case sa.UniqueConstraint:
			return []string{"ALTER TABLE " + tn + " DROP INDEX " + name}, true, nil
		case sa.CheckConstraint:
			if r.name == "mariadb" {
				return []string{"ALTER TABLE " + tn + " DROP CONSTRAINT " + name}, true, nil
			}
			return []string{"ALTER TABLE " + tn + " DROP CHECK " + name}, true, nil
		}
		return nil, true, fmt.Errorf("drop_constraint(%s): no generic 'DROP CONSTRAINT' in MySQL - please specify constraint type (type_='foreignkey', 'unique', 'check' or 'primary')", op.Name)
	case sa.OpTableComment:
		return []string{"ALTER TABLE " + tn + " COMMENT " + literal(op.Comment)}, true, nil
	}
	return nil, false, nil
}

// createIndex is MySQLDDLCompiler.visit_create_index.
func (r alembicRules) createIndex(ix sa.Index) string {
	s := "CREATE "
	if ix.Unique {
		s += "UNIQUE "
	}
	if p := ix.DialectOptions[r.name+"_prefix"]; p != "" {
		s += p + " "
	}
	s += "INDEX " + r.quote(ix.Name) + " ON " + r.table(ix.Schema, ix.Table) + " "
	length := ix.DialectOptions[r.name+"_length"]
	parts := make([]string, len(ix.Columns))
	for i, c := range ix.Columns {
		parts[i] = c
		if i >= len(ix.Expressions) || !ix.Expressions[i] {
			parts[i] = r.quote(c)
		}
		if length != "" {
			parts[i] += "(" + length + ")"
		}
	}
	s += "(" + strings.Join(parts, ", ") + ")"
	if using := ix.DialectOptions["mysql_using"]; using != "" {
		s += " USING " + r.quote(using)
	}
	return s
}

// alterColumn is Alembic's MySQLImpl.alter_column: CHANGE for a new name (and for a
// DATETIME/TIMESTAMP column), MODIFY when the type, nullability, autoincrement or comment
// changes, each restating the whole column; otherwise ALTER COLUMN for the default.
func (r alembicRules) alterColumn(c sa.AlterColumn) ([]string, error) {
	tn := r.table(c.Schema, c.Table)
	typ := c.Type
	if typ == nil {
		typ = c.ExistingType
	}
	change := c.NewName != "" || typ != nil && dateTimeAffinity(*typ) && (c.Default == nil || *c.Default != nil)
	modify := c.Nullable != nil || c.Type != nil || c.Autoincrement != nil || c.Comment != nil
	if !change && !modify {
		if c.Default == nil {
			return nil, nil
		}
		col := "ALTER TABLE " + tn + " ALTER COLUMN " + r.quote(c.Column)
		if d := *c.Default; d != nil {
			return []string{col + " SET DEFAULT " + saDefault(*d)}, nil
		}
		return []string{col + " DROP DEFAULT"}, nil
	}
	if typ == nil {
		return nil, fmt.Errorf("alter_column(%s, %s) needs existing_type= on MySQL, which restates the whole column", c.Table, c.Column)
	}
	spec, err := r.typeSQL(*typ, false)
	if err != nil {
		return nil, err
	}
	nullable := true
	switch {
	case c.Nullable != nil:
		nullable = *c.Nullable
	case c.ExistingNullable != nil:
		nullable = *c.ExistingNullable
	}
	if nullable {
		spec += " NULL"
	} else {
		spec += " NOT NULL"
	}
	autoinc := c.ExistingAutoincrement
	if c.Autoincrement != nil {
		autoinc = c.Autoincrement
	}
	if autoinc != nil && *autoinc {
		spec += " AUTO_INCREMENT"
	}
	def := c.ExistingDefault
	if c.Default != nil {
		def = *c.Default
	}
	if def != nil {
		spec += " DEFAULT " + saDefault(*def)
	}
	comment := c.ExistingComment
	if c.Comment != nil {
		comment = c.Comment
	}
	if comment != nil && *comment != "" {
		spec += " COMMENT " + literal(*comment)
	}
	if change {
		name := c.Column
		if c.NewName != "" {
			name = c.NewName
		}
		return []string{"ALTER TABLE " + tn + " CHANGE " + r.quote(c.Column) + " " + r.quote(name) + " " + spec}, nil
	}
	return []string{"ALTER TABLE " + tn + " MODIFY " + r.quote(c.Column) + " " + spec}, nil
}
