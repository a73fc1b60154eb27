package mysql

import (
	"strings"
	"testing"

	"github.com/retort-dev/retort/schema"
)

// Render's choices that the corpus (autogen/testdata/cases, run on MariaDB) does not reach.
func TestRenderIndexAFKNeeds(t *testing.T) {
	fk := &schema.ForeignKey{Constraint: schema.Constraint{Name: "fk_c_p", Columns: []string{"p"}, Def: "FOREIGN KEY (`p`) REFERENCES `parent` (`id`)"}}
	ix := &schema.Index{Name: "ix_c_p", Columns: []string{"p"}, Def: "(`p`)"}
	pk := &schema.Constraint{Name: "PRIMARY", Columns: []string{"p", "q"}, Def: "PRIMARY KEY (`p`, `q`)"}
	from := &schema.Table{Name: "c", ForeignKeys: []*schema.ForeignKey{fk}, Indexes: []*schema.Index{ix}}
	to := &schema.Table{Name: "c", ForeignKeys: []*schema.ForeignKey{fk}, PrimaryKey: pk}
	op := schema.Op{Kind: schema.AlterTable, From: from, Table: to, Changes: []schema.Change{
		{Kind: schema.DropIndex, Index: ix},
		{Kind: schema.AddPrimaryKey, Constraint: pk},
	}}
	// the key's new index (the primary key) comes later: the key goes around the drop
	want := strings.Join([]string{
		"ALTER TABLE c DROP FOREIGN KEY fk_c_p;",
		"DROP INDEX ix_c_p ON c;",
		"ALTER TABLE c ADD CONSTRAINT fk_c_p FOREIGN KEY (`p`) REFERENCES `parent` (`id`);",
		"ALTER TABLE c ADD PRIMARY KEY (`p`, `q`);",
	}, "\n") + "\n"
	if got := (Dialect{}).Render([]schema.Op{op}); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	// an index another index backs up goes alone
	other := &schema.Index{Name: "ix_c_pq", Columns: []string{"p", "q"}, Def: "(`p`, `q`)"}
	from.Indexes = append(from.Indexes, other)
	to.Indexes = []*schema.Index{other}
	op.Changes = op.Changes[:1]
	if got := (Dialect{}).Render([]schema.Op{op}); got != "DROP INDEX ix_c_p ON c;\n" {
		t.Errorf("got %q", got)
	}
}

func TestColumnDef(t *testing.T) {
	for _, c := range []struct {
		col  schema.Column
		want string
	}{
		{schema.Column{Name: "a", Type: "timestamp"}, "a timestamp NULL"},
		{schema.Column{Name: "a", Type: "timestamp(6)", NotNull: true, Default: "CURRENT_TIMESTAMP(6)", OnUpdate: "CURRENT_TIMESTAMP(6)"},
			"a timestamp(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6)"},
		{schema.Column{Name: "a", Type: "char(36)", Default: "uuid()"}, "a char(36) DEFAULT (uuid())"},
		{schema.Column{Name: "a", Type: "varchar(9)", Default: "'it''s'", Collation: "utf8mb4_bin", Comment: `a\b`},
			`a varchar(9) COLLATE utf8mb4_bin DEFAULT 'it''s' COMMENT 'a\\b'`},
		{schema.Column{Name: "a", Type: "decimal(5,2)", Default: "-1.50"}, "a decimal(5,2) DEFAULT -1.50"},
		{schema.Column{Name: "a", Type: "bit(1)", Default: "b'1'"}, "a bit(1) DEFAULT b'1'"},
		{schema.Column{Name: "a", Type: "int", Generated: "`b` * 2", GeneratedStored: true, NotNull: true}, "a int GENERATED ALWAYS AS (`b` * 2) STORED NOT NULL"},
		{schema.Column{Name: "order", Type: "int unsigned", NotNull: true, AutoIncrement: true}, "`order` int unsigned NOT NULL AUTO_INCREMENT"},
	} {
		if got := columnDef(&c.col); got != c.want {
			t.Errorf("got  %s\nwant %s", got, c.want)
		}
	}
}
