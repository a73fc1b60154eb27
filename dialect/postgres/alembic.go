package postgres

import (
	"fmt"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/pyop/sa"
)

// AlembicRules implements dialect.AlembicRenderer: PostgreSQL as SQLAlchemy 1.4's postgresql dialect renders it.
func (d Dialect) AlembicRules() dialect.AlembicRules {
	return dialect.AlembicRules{Name: d.Name(), Quote: d.QuoteIdent, TypeSQL: pgTypeSQL, Comments: true, Alter: true, Identity: true, EnumTypes: true,
		StoredComputed: true}
}

var pgSerials = map[string]string{"INTEGER": "SERIAL", "BIGINT": "BIGSERIAL", "SMALLINT": "SMALLSERIAL"}

func pgTypeSQL(t sa.Type, autoinc bool) (string, error) {
	s, err := pgType(t)
	if serial, ok := pgSerials[s]; ok && autoinc {
		return serial, nil
	}
	return s, err
}

func pgType(t sa.Type) (string, error) {
	if s, ok := dialect.GenericType(t); ok {
		return s, nil
	}
	zone := func(name string) string {
		if t.Precision > 0 { // postgresql.TIMESTAMP(precision=3)
			name += fmt.Sprintf("(%d)", t.Precision)
		}
		if t.Timezone {
			return name + " WITH TIME ZONE"
		}
		return name + " WITHOUT TIME ZONE"
	}
	switch t.Name {
	case "DateTime", "DATETIME", "TIMESTAMP":
		return zone("TIMESTAMP"), nil
	case "Time", "TIME":
		return zone("TIME"), nil
	case "Interval", "INTERVAL":
		return "INTERVAL", nil
	case "LargeBinary", "BYTEA", "BLOB", "BINARY", "VARBINARY":
		return "BYTEA", nil
	case "DOUBLE_PRECISION", "Double", "DOUBLE":
		return "DOUBLE PRECISION", nil
	case "Uuid", "UUID":
		return "UUID", nil
	case "JSONB", "INET", "CIDR", "MACADDR", "MONEY", "OID", "TSVECTOR", "CITEXT", "HSTORE":
		return t.Name, nil
	case "Enum":
		if t.EnumName == "" {
			return "", fmt.Errorf("an Enum needs name= on PostgreSQL")
		}
		return pgName(t.EnumSchema, t.EnumName), nil
	case "ARRAY":
		if t.Item == nil {
			return "", fmt.Errorf("ARRAY needs an item type")
		}
		item, err := pgType(*t.Item)
		if err != nil {
			return "", err
		}
		s := item + "[]"
		for i := 1; i < t.PostgresDimensions; i++ {
			s += "[]"
		}
		return s, nil
	}
	return "", fmt.Errorf("type %s is not supported on PostgreSQL by retort", t.Name)
}
