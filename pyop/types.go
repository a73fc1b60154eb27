package pyop

import (
	"github.com/retort-dev/retort/pyop/sa"
	"github.com/retort-dev/retort/revision"
)

// typeModules are the modules whose types are understood, and whether they hold
// PostgreSQL's own types.
var typeModules = map[string]bool{
	"": false, "sa": false, "sqlalchemy": false, "sqlalchemy.types": false, "types": false,
	"sqlite": false, "sqlalchemy.dialects.sqlite": false,
	"postgresql": true, "sqlalchemy.dialects.postgresql": true, "pg": true,
	"sqlmodel.sql.sqltypes": false, "sqlmodel": false, // AutoString, as SQLModel's autogenerate writes it
	"mysql": false, "sqlalchemy.dialects.mysql": false,
}

// mysqlModules hold MySQL's own types, whose arguments differ from the generic ones.
var mysqlModules = map[string]bool{"mysql": true, "sqlalchemy.dialects.mysql": true}

// Type signatures: the arguments that change the DDL, and those that do not.
var (
	sizedSig     = signature{params: []string{"length", "collation"}, ignored: []string{"convert_unicode", "unicode_error", "_warn_on_bytestring"}}
	numericSig   = signature{params: []string{"precision", "scale", "decimal_return_scale", "asdecimal"}}
	timeSig      = signature{params: []string{"timezone", "precision"}}
	noArgsSig    = signature{}
	enumSig      = signature{keywords: []string{"name", "schema", "native_enum", "create_type", "length"}, ignored: []string{"create_constraint", "inherit_schema", "validate_strings", "values_callable", "omit_aliases"}, varargs: "values"}
	arraySig     = signature{params: []string{"item_type", "as_tuple", "dimensions", "zero_indexes"}, required: 1}
	typeSigs     = map[string]signature{}
	timeTypes    = map[string]bool{"DateTime": true, "DATETIME": true, "TIMESTAMP": true, "Time": true, "TIME": true}
	typeIgnoring = map[string][]string{
		"JSON": {"none_as_null", "astext_type"}, "JSONB": {"none_as_null", "astext_type"},
		"UUID": {"as_uuid"}, "Uuid": {"as_uuid", "native_uuid"},
		"Boolean": {"create_constraint", "name"}, "LargeBinary": {"length"}, "BYTEA": {"length"},
		"Float": {"asdecimal", "decimal_return_scale"}, "INET": nil, "CIDR": nil, "MACADDR": nil,
	}
)

// mysqlTypeSigs are the types of sqlalchemy.dialects.mysql (SQLAlchemy 1.4).
var mysqlTypeSigs = map[string]signature{}

func init() {
	intSig := signature{params: []string{"display_width"}, keywords: []string{"unsigned", "zerofill"}}
	for _, n := range []string{"INTEGER", "BIGINT", "SMALLINT", "TINYINT", "MEDIUMINT"} {
		mysqlTypeSigs[n] = intSig
	}
	for _, n := range []string{"DECIMAL", "NUMERIC", "DOUBLE", "REAL", "FLOAT"} {
		mysqlTypeSigs[n] = signature{params: []string{"precision", "scale"}, keywords: []string{"unsigned", "zerofill"}, ignored: []string{"asdecimal", "decimal_return_scale"}}
	}
	strSig := signature{params: []string{"length"}, keywords: []string{"charset", "collation", "ascii", "unicode", "binary", "national"}}
	for _, n := range []string{"VARCHAR", "CHAR", "NVARCHAR", "NCHAR", "TEXT", "TINYTEXT", "MEDIUMTEXT", "LONGTEXT"} {
		mysqlTypeSigs[n] = strSig
	}
	for _, n := range []string{"DATETIME", "TIMESTAMP", "TIME"} {
		mysqlTypeSigs[n] = signature{keywords: []string{"timezone", "fsp"}}
	}
	for _, n := range []string{"YEAR", "BIT", "VARBINARY", "BINARY", "BLOB"} {
		mysqlTypeSigs[n] = signature{params: []string{"length"}}
	}
	mysqlTypeSigs["YEAR"] = signature{params: []string{"display_width"}}
	for _, n := range []string{"DATE", "JSON", "BOOLEAN", "TINYBLOB", "MEDIUMBLOB", "LONGBLOB"} {
		mysqlTypeSigs[n] = signature{ignored: typeIgnoring[n]}
	}
	mysqlTypeSigs["ENUM"] = signature{keywords: append([]string{"charset", "collation"}, enumSig.keywords...), ignored: append([]string{"strict"}, enumSig.ignored...), varargs: "values"}
	mysqlTypeSigs["SET"] = signature{keywords: []string{"charset", "collation"}, ignored: []string{"retrieve_as_bitwise"}, varargs: "values"}

	for _, n := range []string{"String", "AutoString", "Unicode", "VARCHAR", "NVARCHAR", "CHAR", "NCHAR", "Text", "UnicodeText", "TEXT", "CLOB", "CITEXT"} {
		typeSigs[n] = sizedSig
	}
	for _, n := range []string{"Numeric", "NUMERIC", "DECIMAL"} {
		typeSigs[n] = numericSig
	}
	for n := range timeTypes {
		typeSigs[n] = timeSig
	}
	for _, n := range []string{"Float", "FLOAT", "REAL", "DOUBLE_PRECISION", "Double", "DOUBLE"} {
		typeSigs[n] = signature{params: []string{"precision"}, ignored: []string{"asdecimal", "decimal_return_scale"}}
	}
	for _, n := range []string{"Integer", "BigInteger", "SmallInteger", "INTEGER", "INT", "BIGINT", "SMALLINT",
		"Boolean", "BOOLEAN", "Date", "DATE", "Interval", "INTERVAL", "LargeBinary", "BLOB", "BYTEA", "JSON", "JSONB",
		"UUID", "Uuid", "INET", "CIDR", "MACADDR", "MONEY", "OID", "TSVECTOR", "HSTORE"} {
		sig := noArgsSig
		sig.ignored = typeIgnoring[n]
		typeSigs[n] = sig
	}
	typeSigs["Enum"], typeSigs["ENUM"] = enumSig, enumSig
	typeSigs["ARRAY"] = arraySig
}

// columnType evaluates a SQLAlchemy type: sa.String(length=50), sa.Integer (the class
// itself), postgresql.ARRAY(sa.Text()), sa.Enum('a', 'b', name='x').
func columnType(e revision.Expr) (sa.Type, error) {
	if e.Recv != nil {
		return typeVariant(e)
	}
	if e.Kind != revision.ExprCall && e.Kind != revision.ExprName {
		return sa.Type{}, errAt(e.Line, "a SQLAlchemy type expected, not %s", e)
	}
	mod, cls := splitModule(e.Value)
	pgModule, known := typeModules[mod]
	sig, ok := typeSigs[cls]
	if mysqlModules[mod] {
		return mysqlType(e, cls)
	}
	if !known || !ok {
		return sa.Type{}, errAt(e.Line, "unsupported type %s (write this step as SQL with op.execute)", e.Value)
	}
	b, err := bind(e, sig)
	if err != nil {
		return sa.Type{}, err
	}
	t := sa.Type{Name: cls, Scale: -1}
	if cls == "AutoString" { // SQLModel's str type: a String
		t.Name = "String"
	}
	if t.Length, err = b.integer("length", 0); err != nil {
		return t, err
	}
	if t.Precision, err = b.integer("precision", 0); err != nil {
		return t, err
	}
	if t.Scale, err = b.integer("scale", -1); err != nil {
		return t, err
	}
	if t.Timezone, _, err = b.boolean("timezone"); err != nil {
		return t, err
	}
	if b.has("collation") {
		return t, b.errf("collation", "collations are not supported (write this step as SQL with op.execute)")
	}
	if t.Precision > 0 && timeTypes[cls] && !pgModule { // postgresql.TIMESTAMP(precision=3) has one
		return t, b.errf("precision", "time precision is not supported (write this step as SQL with op.execute)")
	}
	switch cls {
	case "Enum", "ENUM":
		return enumType(b, pgModule)
	case "ARRAY":
		item, err := columnType(b.args["item_type"])
		if err != nil {
			return t, err
		}
		t.Item = &item
		if t.PostgresDimensions, err = b.integer("dimensions", 0); err != nil {
			return t, err
		}
	}
	return t, nil
}

// enumType reads sa.Enum / postgresql.ENUM. postgresql.ENUM is always native; sa.Enum is
// unless native_enum=False. Both create their type with the table unless create_type=False.
func enumType(b *bound, pgModule bool) (sa.Type, error) {
	t := sa.Type{Name: "Enum", Scale: -1, NativeEnum: true, CreateType: true}
	for _, v := range b.rest {
		if v.Kind != revision.ExprString {
			return t, errAt(v.Line, "%s(): enum values must be strings, not %s", b.what, v)
		}
		t.Values = append(t.Values, v.Value)
	}
	var err error
	if t.EnumName, err = b.str("name"); err != nil {
		return t, err
	}
	if t.EnumSchema, err = b.str("schema"); err != nil {
		return t, err
	}
	if v, ok, err := b.boolean("native_enum"); err != nil {
		return t, err
	} else if ok && !pgModule {
		t.NativeEnum = v
	}
	if v, ok, err := b.boolean("create_type"); err != nil {
		return t, err
	} else if ok {
		t.CreateType = v
	}
	if t.Length, err = b.integer("length", 0); err != nil {
		return t, err
	}
	return t, nil
}

// typeVariant reads type.with_variant(other, 'dialect', ...): other is the type on
// databases of those SQLAlchemy dialect names (see sa.Type.For).
func typeVariant(e revision.Expr) (sa.Type, error) {
	if e.Value != "with_variant" || len(e.Args) < 2 || len(e.Kwargs) > 0 {
		return sa.Type{}, errAt(e.Line, "unsupported type %s (write this step as SQL with op.execute)", e)
	}
	t, err := columnType(*e.Recv)
	if err != nil {
		return t, err
	}
	v, err := columnType(e.Args[0])
	if err != nil {
		return t, err
	}
	if t.Variants == nil {
		t.Variants = map[string]sa.Type{}
	}
	for _, n := range e.Args[1:] {
		if n.Kind != revision.ExprString {
			return t, errAt(n.Line, "with_variant(): dialect names must be strings, not %s", n)
		}
		t.Variants[n.Value] = v
	}
	return t, nil
}

// forDialect replaces the types of op by their with_variant types for the database of
// the given SQLAlchemy dialect name.
func forDialect(op sa.Op, name string) sa.Op {
	if len(op.CreateTable.Columns) > 0 {
		cols := make([]sa.Column, len(op.CreateTable.Columns))
		for i, c := range op.CreateTable.Columns {
			c.Type = c.Type.For(name)
			cols[i] = c
		}
		op.CreateTable.Columns = cols
	}
	op.Column.Type = op.Column.Type.For(name)
	if op.Alter.Type != nil {
		t := op.Alter.Type.For(name)
		op.Alter.Type = &t
	}
	return op
}

// mysqlType reads a type of sqlalchemy.dialects.mysql: mysql.INTEGER(unsigned=True),
// mysql.VARCHAR(length=50), mysql.DATETIME(fsp=6), mysql.ENUM('a', 'b'), mysql.LONGTEXT().
func mysqlType(e revision.Expr, cls string) (sa.Type, error) {
	sig, ok := mysqlTypeSigs[cls]
	if !ok {
		return sa.Type{}, errAt(e.Line, "unsupported type %s (write this step as SQL with op.execute)", e.Value)
	}
	b, err := bind(e, sig)
	if err != nil {
		return sa.Type{}, err
	}
	t := sa.Type{Name: cls, Scale: -1}
	if cls == "ENUM" {
		if t, err = enumType(b, false); err != nil {
			return t, err
		}
		t.Name = "ENUM"
	}
	for _, n := range []struct {
		arg string
		dst *int
		def int
	}{{"length", &t.Length, 0}, {"precision", &t.Precision, 0}, {"scale", &t.Scale, -1}, {"display_width", &t.DisplayWidth, 0}, {"fsp", &t.Fsp, 0}} {
		if *n.dst, err = b.integer(n.arg, n.def); err != nil {
			return t, err
		}
	}
	if t.Unsigned, _, err = b.boolean("unsigned"); err != nil {
		return t, err
	}
	if t.Zerofill, _, err = b.boolean("zerofill"); err != nil {
		return t, err
	}
	if t.Timezone, _, err = b.boolean("timezone"); err != nil {
		return t, err
	}
	if t.Charset, err = b.str("charset"); err != nil {
		return t, err
	}
	if t.Collation, err = b.str("collation"); err != nil {
		return t, err
	}
	for _, f := range []struct {
		arg string
		dst *bool
	}{{"national", &t.National}, {"ascii", &t.ASCII}, {"unicode", &t.Unicode}, {"binary", &t.Binary}} {
		if *f.dst, _, err = b.boolean(f.arg); err != nil {
			return t, err
		}
	}
	if cls == "SET" {
		for _, v := range b.rest {
			if v.Kind != revision.ExprString {
				return t, errAt(v.Line, "%s(): set values must be strings, not %s", b.what, v)
			}
			t.Values = append(t.Values, v.Value)
		}
	}
	return t, nil
}
