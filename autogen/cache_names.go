package autogen

// The name rules of the schema cache: a table built alone must get the names the full
// build gives it. Which names the server generates, how long a name may be and how the
// server numbers a name to avoid a clash are the dialect's (dialect.NameRules); which
// names share a namespace is checked here.

import (
	"strings"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/schema"
)

// namesAsBuilt reports whether s shows no sign that names chosen by the server depend
// on other tables: the server picks generated names (constraints, indexes, sequences)
// so they clash with nothing in the schema, so a table built alone could get another
// name than in the full build. Duplicate relation names (an error in a full build) count
// as such a sign too.
func namesAsBuilt(s *schema.Schema, typeNames []string, rules dialect.NameRules) bool {
	relations := map[[2]string]int{} // tables, indexes, types: one namespace per schema
	all := map[[2]string]int{}       // those and every constraint name
	// generated names, with how often each counts itself in all
	type generated struct {
		key  [2]string
		self int
	}
	var gen []generated
	add := func(sch, name string, relation, auto bool) {
		if name == "" {
			return
		}
		k := [2]string{sch, name}
		all[k]++
		if relation {
			relations[k]++
		}
		if auto {
			gen = append(gen, generated{k, 1})
		}
	}
	types := map[[2]string]bool{}
	for _, n := range typeNames {
		types[[2]string{"", n}] = true
	}
	for _, e := range s.Enums {
		types[[2]string{e.Schema, e.Name}] = true
	}
	for k := range types {
		add(k[0], k[1], true, false)
	}
	for _, t := range s.Tables {
		add(t.Schema, t.Name, true, false)
		if t.PrimaryKey != nil {
			add(t.Schema, t.PrimaryKey.Name, true, t.PrimaryKey.AutoName)
		}
		for _, u := range t.Uniques {
			add(t.Schema, u.Name, true, u.AutoName)
		}
		for _, c := range t.Checks {
			add(t.Schema, c.Name, strings.HasPrefix(c.Def, "EXCLUDE"), c.AutoName)
		}
		for _, fk := range t.ForeignKeys {
			add(t.Schema, fk.Name, false, fk.AutoName)
		}
		for _, ix := range t.Indexes {
			add(t.Schema, ix.Name, true, ix.AutoName)
		}
		for _, c := range t.Columns {
			for _, n := range rules.ImplicitNames(t.Name, c) {
				if len(n) > rules.MaxIdentifierLength() {
					return false
				}
				gen = append(gen, generated{[2]string{t.Schema, n}, 0})
			}
		}
	}
	for _, n := range relations {
		if n > 1 {
			return false
		}
	}
	for _, g := range gen {
		if rules.Renumbered(g.key[1]) || all[g.key] > g.self {
			return false
		}
	}
	return true
}
