package schema

import "testing"

func TestWidens(t *testing.T) {
	cases := []struct {
		from, to string
		widens   bool
	}{
		{"integer", "bigint", true},
		{"bigint", "integer", false},
		{"INTEGER", "BIGINT", true},
		{"character varying(30)", "character varying(100)", true},
		{"character varying(100)", "character varying(30)", false},
		{"VARCHAR(30)", "TEXT", true},
		{"character varying(30)", "character varying", true},
		{"character varying", "character varying(30)", false},
		{"numeric(10,2)", "numeric(12,2)", true},
		{"numeric(10,2)", "numeric(10,3)", false},
		{"numeric(10,2)", "numeric", true},
		{"real", "double precision", true},
		{"text", "integer", false},
		{"int", "bigint", true},
		{"int unsigned", "bigint", true},
		{"int unsigned", "int", false},
		{"int", "int unsigned", false},
		{"tinyint(1)", "smallint", true},
		{"varchar(20)", "varchar(50)", true},
		{"varchar(50)", "varchar(20)", false},
		{"varchar(50)", "text", true},
		{"mediumtext", "text", false},
		{"text", "longtext", true},
		{"enum('a','b')", "enum('a','b','c')", true},
		{"enum('a','b')", "enum('a','c','b')", true},
		{"enum('a','it''s')", "enum('a','it''s','c')", true},
		{"enum('a','b','c')", "enum('a','b')", false},
		{"enum('a')", "set('a','b')", false},
		{"float", "double", true},
	}
	for _, c := range cases {
		if got := Widens(c.from, c.to); got != c.widens {
			t.Errorf("Widens(%q, %q) = %v", c.from, c.to, got)
		}
	}
}

func TestInvertTwiceIsIdentity(t *testing.T) {
	col := &Column{Name: "c", Type: "integer"}
	wide := &Column{Name: "c", Type: "bigint"}
	op := Op{Kind: AlterTable, Table: &Table{Name: "t"}, From: &Table{Name: "t0"}, Changes: []Change{
		{Kind: AddColumn, Column: col},
		{Kind: AlterColumn, FromColumn: col, Column: wide},
		{Kind: SetTableComment, FromComment: "a", Comment: "b"},
	}}
	inv := op.Invert()
	if inv.Table.Name != "t0" || inv.Changes[0].Kind != SetTableComment || inv.Changes[0].Comment != "a" ||
		inv.Changes[1].Column != col || inv.Changes[2].Kind != DropColumn {
		t.Errorf("invert: %+v", inv)
	}
	back := inv.Invert()
	for i := range op.Changes {
		if back.Changes[i] != op.Changes[i] {
			t.Errorf("change %d: %+v, want %+v", i, back.Changes[i], op.Changes[i])
		}
	}
}
