package mysql

import (
	"strings"
	"testing"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/pyop/sa"
)

// The forms TestAgainstAlembic (package pyop) cannot compare with Alembic's MySQL output:
// MariaDB's and the errors.
func TestAlembicRules(t *testing.T) {
	str := func(n int) *sa.Type { return &sa.Type{Name: "String", Length: n, Scale: -1} }
	no := false
	table := sa.Table{Name: "t", Comment: "c", Options: [][2]string{{"mysql_engine", "InnoDB"}, {"mariadb_engine", "Aria"}},
		Columns: []sa.Column{{Name: "id", Type: sa.Type{Name: "Integer"}, PrimaryKey: true}}}
	for _, c := range []struct {
		dialect string
		op      sa.Op
		want    string // statements joined by "; ", or "error: <part of the message>"
	}{
		{"mariadb", sa.Op{Kind: sa.OpDropConstraint, Table: "t", Name: "ck", Constraint: sa.Constraint{Kind: sa.CheckConstraint}}, "ALTER TABLE t DROP CONSTRAINT ck"},
		{"mysql", sa.Op{Kind: sa.OpDropConstraint, Table: "t", Name: "ck", Constraint: sa.Constraint{Kind: sa.CheckConstraint}}, "ALTER TABLE t DROP CHECK ck"},
		{"mysql", sa.Op{Kind: sa.OpDropConstraint, Table: "t", Name: "ck"}, "error: please specify constraint type"},
		{"mysql", sa.Op{Kind: sa.OpDropIndex, Name: "ix"}, "error: needs table_name"},
		{"mysql", sa.Op{Kind: sa.OpAlterColumn, Alter: sa.AlterColumn{Table: "t", Column: "c", Nullable: &no}}, "error: needs existing_type"},
		{"mysql", sa.Op{Kind: sa.OpAlterColumn, Alter: sa.AlterColumn{Table: "t", Column: "c", Type: str(0)}}, "error: VARCHAR requires a length on dialect mysql"},
		{"mysql", sa.Op{Kind: sa.OpAlterColumn, Alter: sa.AlterColumn{Table: "t", Column: "c", Type: str(9)}}, "ALTER TABLE t MODIFY c VARCHAR(9) NULL"},
		{"mysql", sa.Op{Kind: sa.OpCreateIndex, Index: sa.Index{Table: "t", Name: "ix", Columns: []string{"a"},
			DialectOptions: map[string]string{"mariadb_length": "4", "mysql_prefix": "FULLTEXT"}}}, "CREATE FULLTEXT INDEX ix ON t (a)"},
		{"mariadb", sa.Op{Kind: sa.OpCreateIndex, Index: sa.Index{Table: "t", Name: "ix", Columns: []string{"a"},
			DialectOptions: map[string]string{"mariadb_length": "4", "mysql_prefix": "FULLTEXT"}}}, "CREATE INDEX ix ON t (a(4))"},
		{"mysql", sa.Op{Kind: sa.OpCreateTable, CreateTable: table}, "CREATE TABLE t (\n    id INTEGER NOT NULL AUTO_INCREMENT,\n    PRIMARY KEY (id)\n)ENGINE=InnoDB COMMENT='c'"},
		{"mariadb", sa.Op{Kind: sa.OpCreateTable, CreateTable: table}, "CREATE TABLE t (\n    id INTEGER NOT NULL AUTO_INCREMENT,\n    PRIMARY KEY (id)\n)ENGINE=Aria COMMENT='c'"},
	} {
		ddl := dialect.NewAlembicDDL(alembicRules{name: c.dialect, quote: Dialect{}.QuoteIdent}.rules())
		stmts, err := ddl.Render(c.op)
		got := strings.Join(stmts, "; ")
		if err != nil {
			got = "error: " + err.Error()
		}
		if want, ok := strings.CutPrefix(c.want, "error: "); ok && err != nil && strings.Contains(err.Error(), want) {
			continue
		}
		if got != c.want {
			t.Errorf("%s %+v:\n got %q\nwant %q", c.dialect, c.op.Kind, got, c.want)
		}
	}
}
