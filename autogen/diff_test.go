package autogen

import (
	"strings"
	"testing"

	"github.com/retort-dev/retort/schema"
)

func table(name string, refs ...string) *schema.Table {
	t := &schema.Table{Name: name, Columns: []*schema.Column{{Name: "id", Type: "integer", NotNull: true}}}
	for _, r := range refs {
		t.Columns = append(t.Columns, &schema.Column{Name: r + "_id", Type: "integer"})
		t.ForeignKeys = append(t.ForeignKeys, &schema.ForeignKey{
			Constraint: schema.Constraint{Name: name + "_" + r + "_fkey", Columns: []string{r + "_id"}, Def: "FOREIGN KEY (" + r + "_id) REFERENCES " + r + "(id)", AutoName: true},
			RefTable:   r, RefColumns: []string{"id"},
		})
	}
	return t
}

func lines(ops []schema.Op) string {
	var out []string
	for _, o := range ops {
		out = append(out, o.Lines()...)
	}
	return strings.Join(out, "\n")
}

// TestDiffOrder checks the order of operations, and that the downgrade is the inverse.
func TestDiffOrder(t *testing.T) {
	cases := []struct {
		name              string
		from, to          *schema.Schema
		altersConstraints bool
		up, down          string
	}{
		{
			name: "creates parents first, drops children first",
			from: &schema.Schema{},
			to:   &schema.Schema{Tables: []*schema.Table{table("a", "c"), table("b"), table("c", "b")}},
			up:   "create table b\ncreate table c\ncreate table a",
			down: "drop table a\ndrop table c\ndrop table b",
		},
		{
			name:              "a cycle adds one key after both creates",
			from:              &schema.Schema{},
			to:                &schema.Schema{Tables: []*schema.Table{table("x", "y"), table("y", "x")}},
			altersConstraints: true,
			up:                "create table x\ncreate table y\nadd foreign key x_y_fkey on x: FOREIGN KEY (y_id) REFERENCES y(id)",
			down:              "drop foreign key x_y_fkey on x: FOREIGN KEY (y_id) REFERENCES y(id)\ndrop table y\ndrop table x",
		},
		{
			name:              "a cycle is created as is where keys may point forward",
			from:              &schema.Schema{},
			to:                &schema.Schema{Tables: []*schema.Table{table("x", "y"), table("y", "x")}},
			altersConstraints: false,
			up:                "create table x\ncreate table y",
			down:              "drop table y\ndrop table x",
		},
		{
			name:              "keys go before dropped tables and come after created ones",
			from:              &schema.Schema{Tables: []*schema.Table{table("old"), table("keep", "old")}},
			to:                &schema.Schema{Tables: []*schema.Table{table("new"), table("keep", "new")}},
			altersConstraints: true,
			up: "drop foreign key keep_old_fkey on keep: FOREIGN KEY (old_id) REFERENCES old(id)\ndrop table old\n" +
				"add column keep.new_id integer\ndrop column keep.old_id\ncreate table new\n" +
				"add foreign key keep_new_fkey on keep: FOREIGN KEY (new_id) REFERENCES new(id)",
			down: "drop foreign key keep_new_fkey on keep: FOREIGN KEY (new_id) REFERENCES new(id)\ndrop table new\n" +
				"add column keep.old_id integer\ndrop column keep.new_id\ncreate table old\n" +
				"add foreign key keep_old_fkey on keep: FOREIGN KEY (old_id) REFERENCES old(id)",
		},
		{
			name: "enum values are added first and removed last",
			from: &schema.Schema{Enums: []*schema.Enum{{Name: "e", Values: []string{"a", "b"}}}},
			to:   &schema.Schema{Enums: []*schema.Enum{{Name: "e", Values: []string{"a", "c"}}}, Tables: []*schema.Table{table("t")}},
			up:   "alter enum e values ('a', 'b') -> ('a', 'c', 'b')\ncreate table t\nalter enum e values ('a', 'c', 'b') -> ('a', 'c')",
			down: "alter enum e values ('a', 'c') -> ('a', 'c', 'b')\ndrop table t\nalter enum e values ('a', 'c', 'b') -> ('a', 'b')",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ops := Diff(c.from, c.to, c.altersConstraints)
			if got := lines(ops); got != c.up {
				t.Errorf("upgrade:\n%s\nwant:\n%s", got, c.up)
			}
			if got := lines(schema.InvertAll(ops)); got != c.down {
				t.Errorf("downgrade:\n%s\nwant:\n%s", got, c.down)
			}
			if back := Diff(c.to, c.from, c.altersConstraints); len(back) != len(ops) {
				t.Errorf("diffing back gives %d ops, forward %d", len(back), len(ops))
			}
		})
	}
}

func TestSameConstraint(t *testing.T) {
	k := func(name, def string, auto bool) *schema.Constraint {
		return &schema.Constraint{Name: name, Def: def, AutoName: auto}
	}
	cases := []struct {
		a, b *schema.Constraint
		same bool
	}{
		{k("t_a_key", "UNIQUE (a)", true), k("t_a_key1", "UNIQUE (a)", true), true},
		{k("", "UNIQUE (a)", false), k("uq_a", "UNIQUE (a)", false), true},
		{k("uq_a", "UNIQUE (a)", false), k("uq_a2", "UNIQUE (a)", false), false},
		{k("uq_a", "UNIQUE (a)", false), k("uq_a", "UNIQUE (a, b)", false), false},
		{nil, nil, true},
		{nil, k("p", "PRIMARY KEY (id)", true), false},
	}
	for _, c := range cases {
		if got := sameConstraint(c.a, c.b); got != c.same {
			t.Errorf("sameConstraint(%v, %v) = %v", c.a, c.b, got)
		}
	}
}

func TestEnumUnion(t *testing.T) {
	cases := []struct {
		old, new []string
		union    string
		ok       bool
	}{
		{[]string{"a", "b"}, []string{"a", "b", "c"}, "a b c", true},
		{[]string{"a", "b"}, []string{"z", "a", "b"}, "z a b", true},
		{[]string{"a", "b", "c"}, []string{"a", "c"}, "a b c", true},
		{[]string{"a", "b"}, []string{"a", "x", "y"}, "a x y b", true},
		{[]string{"a", "b"}, []string{"b", "a"}, "a b", false},
	}
	for _, c := range cases {
		u, ok := enumUnion(c.old, c.new)
		if strings.Join(u, " ") != c.union || ok != c.ok {
			t.Errorf("enumUnion(%v, %v) = %v, %v", c.old, c.new, u, ok)
		}
	}
}
