package autogen

import (
	"fmt"
	"sort"

	"github.com/retort-dev/retort/schema"
)

// Diff returns the ordered operations that turn schema from into schema to. It is pure.
//
// With altersConstraints (PostgreSQL) foreign keys are handled apart from the rest so every
// statement finds what it needs: enums are created and gain values first, then foreign
// keys that go away are dropped, dropped tables go (children first), existing tables are
// altered (parents first), new tables are created (parents first; a cycle is broken by
// adding some keys afterwards), new foreign keys are added, and enums lose values or go
// last. Without it (SQLite, where most table changes rebuild the table, and keys may name
// tables that do not exist yet) each table's changes stay in one op, after the drops and
// creates. The inverse of the result, schema.InvertAll, is the downgrade.
func Diff(from, to *schema.Schema, altersConstraints bool) []schema.Op {
	var (
		enumsFirst, fkDrops, drops, alters, fkAdds, enumsLast []schema.Op
	)

	for _, e := range to.Enums {
		old := from.Enum(e.Schema, e.Name)
		switch {
		case old == nil:
			enumsFirst = append(enumsFirst, schema.Op{Kind: schema.CreateEnum, Enum: e})
		case equalStrings(old.Values, e.Values):
		default:
			// Values are added before anything may use them and removed after nothing
			// uses them any more; a reordering is done up front.
			union, ok := enumUnion(old.Values, e.Values)
			if !ok {
				enumsFirst = append(enumsFirst, schema.Op{Kind: schema.AlterEnum, Enum: e, FromEnum: old, Users: enumUsers(from, old)})
				break
			}
			mid := &schema.Enum{Schema: e.Schema, Name: e.Name, Values: union}
			if len(union) > len(old.Values) {
				enumsFirst = append(enumsFirst, schema.Op{Kind: schema.AlterEnum, Enum: mid, FromEnum: old, Users: enumUsers(from, old)})
			}
			if len(union) > len(e.Values) {
				enumsLast = append(enumsLast, schema.Op{Kind: schema.AlterEnum, Enum: e, FromEnum: mid, Users: enumUsers(to, e)})
			}
		}
	}
	for _, e := range from.Enums {
		if to.Enum(e.Schema, e.Name) == nil {
			enumsLast = append(enumsLast, schema.Op{Kind: schema.DropEnum, Enum: e})
		}
	}

	var created, dropped, kept []*schema.Table
	for _, t := range to.Tables {
		if from.Table(t.Schema, t.Name) == nil {
			created = append(created, t)
		}
	}
	for _, t := range from.Tables {
		if to.Table(t.Schema, t.Name) == nil {
			dropped = append(dropped, t)
		} else {
			kept = append(kept, to.Table(t.Schema, t.Name))
		}
	}
	// Existing tables are altered parents first, so a rebuilt table's new key finds the
	// key it references already there.
	for _, ot := range dependencyOrder(kept, false) {
		nt := ot.table
		old := from.Table(nt.Schema, nt.Name)
		if len(old.Triggers) > 0 || len(nt.Triggers) > 0 {
			// Triggers are not managed: a rebuilt table gets the database's back.
			cp := *nt
			cp.Triggers = old.Triggers
			nt = &cp
		}
		changes := tableChanges(old, nt)
		if len(changes) == 0 {
			continue
		}
		if !altersConstraints {
			alters = append(alters, schema.Op{Kind: schema.AlterTable, From: old, Table: nt, Changes: changes})
			continue
		}
		var dropFK, addFK, rest []schema.Change
		for _, c := range changes {
			switch c.Kind {
			case schema.DropForeignKey:
				dropFK = append(dropFK, c)
			case schema.AddForeignKey:
				addFK = append(addFK, c)
			default:
				rest = append(rest, c)
			}
		}
		// Intermediate states: the old table without the dropped keys, the new table
		// without the added ones; renderers of such ops only look at the changes.
		if len(dropFK) > 0 {
			fkDrops = append(fkDrops, schema.Op{Kind: schema.AlterTable, From: old, Table: withoutFKs(old, fkOf(dropFK)), Changes: dropFK})
		}
		if len(rest) > 0 {
			alters = append(alters, schema.Op{Kind: schema.AlterTable, From: withoutFKs(old, fkOf(dropFK)), Table: withoutFKs(nt, fkOf(addFK)), Changes: rest})
		}
		if len(addFK) > 0 {
			fkAdds = append(fkAdds, schema.Op{Kind: schema.AlterTable, From: withoutFKs(nt, fkOf(addFK)), Table: nt, Changes: addFK})
		}
	}

	// New tables, parents first; a key inside a cycle is added after all creates.
	// Dropped tables are the inverse of creating them.
	creates, deferred := createOps(created, altersConstraints)
	fkAdds = append(fkAdds, deferred...)
	dropCreates, dropDeferred := createOps(dropped, altersConstraints)
	fkDrops = append(fkDrops, schema.InvertAll(dropDeferred)...)
	drops = schema.InvertAll(dropCreates)

	order := [][]schema.Op{enumsFirst, fkDrops, drops, alters, creates, fkAdds, enumsLast}
	if !altersConstraints {
		// No key ordering to respect: rebuilt tables find every table they reference.
		order = [][]schema.Op{enumsFirst, drops, creates, alters, enumsLast}
	}
	var ops []schema.Op
	for _, group := range order {
		ops = append(ops, group...)
	}
	return ops
}

// createOps creates tables in dependency order; with breakCycles the keys that close a
// cycle come apart, as ops adding them once every table exists.
func createOps(tables []*schema.Table, breakCycles bool) (creates, addKeys []schema.Op) {
	for _, t := range dependencyOrder(tables, breakCycles) {
		bare := withoutFKs(t.table, t.deferred)
		creates = append(creates, schema.Op{Kind: schema.CreateTable, Table: bare})
		if len(t.deferred) > 0 {
			addKeys = append(addKeys, schema.Op{Kind: schema.AlterTable, From: bare, Table: t.table, Changes: addFKChanges(t.deferred)})
		}
	}
	return creates, addKeys
}

// tableChanges lists the changes from a to b in an order that can be applied and whose
// reversed inverse can be applied too: drops of keys, indexes and constraints first,
// then columns, then the new constraints, indexes and keys.
func tableChanges(a, b *schema.Table) []schema.Change {
	var (
		dropFK, dropIx, dropCons, replaced, addCols, alterCols, dropCols, addCons, addIx, addFK []schema.Change
	)
	for _, c := range b.Columns {
		old := a.Column(c.Name)
		switch {
		case old == nil:
			addCols = append(addCols, schema.Change{Kind: schema.AddColumn, Column: c})
		case old.Generated != c.Generated || old.GeneratedStored != c.GeneratedStored:
			// a generated expression cannot be altered in place: replace the column
			replaced = append(replaced, schema.Change{Kind: schema.DropColumn, Column: old})
			addCols = append(addCols, schema.Change{Kind: schema.AddColumn, Column: c})
		case len(schema.ColumnDifferences(old, c)) > 0:
			alterCols = append(alterCols, schema.Change{Kind: schema.AlterColumn, FromColumn: old, Column: c})
		}
	}
	for _, c := range a.Columns {
		if b.Column(c.Name) == nil {
			dropCols = append(dropCols, schema.Change{Kind: schema.DropColumn, Column: c})
		}
	}

	if !sameConstraint(a.PrimaryKey, b.PrimaryKey) {
		if a.PrimaryKey != nil {
			dropCons = append(dropCons, schema.Change{Kind: schema.DropPrimaryKey, Constraint: a.PrimaryKey})
		}
		if b.PrimaryKey != nil {
			addCons = append(addCons, schema.Change{Kind: schema.AddPrimaryKey, Constraint: b.PrimaryKey})
		}
	}
	for _, pair := range []struct {
		a, b      []*schema.Constraint
		add, drop schema.ChangeKind
	}{{a.Uniques, b.Uniques, schema.AddUnique, schema.DropUnique}, {a.Checks, b.Checks, schema.AddCheck, schema.DropCheck}} {
		gone, added := matchLists(pair.a, pair.b, sameConstraint)
		for _, k := range gone {
			dropCons = append(dropCons, schema.Change{Kind: pair.drop, Constraint: k})
		}
		for _, k := range added {
			addCons = append(addCons, schema.Change{Kind: pair.add, Constraint: k})
		}
	}
	goneIx, addedIx := matchLists(a.Indexes, b.Indexes, sameIndex)
	for _, ix := range goneIx {
		dropIx = append(dropIx, schema.Change{Kind: schema.DropIndex, Index: ix})
	}
	for _, ix := range addedIx {
		addIx = append(addIx, schema.Change{Kind: schema.CreateIndex, Index: ix})
	}
	goneFK, addedFK := matchLists(a.ForeignKeys, b.ForeignKeys, func(x, y *schema.ForeignKey) bool {
		return sameConstraint(&x.Constraint, &y.Constraint)
	})
	for _, fk := range goneFK {
		dropFK = append(dropFK, schema.Change{Kind: schema.DropForeignKey, ForeignKey: fk})
	}
	addFK = addFKChanges(addedFK)

	var out []schema.Change
	for _, g := range [][]schema.Change{dropFK, dropIx, dropCons, replaced, addCols, alterCols, dropCols, addCons, addIx, addFK} {
		out = append(out, g...)
	}
	if a.Comment != b.Comment {
		out = append(out, schema.Change{Kind: schema.SetTableComment, FromComment: a.Comment, Comment: b.Comment})
	}
	if a.Options != b.Options {
		out = append(out, schema.Change{Kind: schema.SetTableOptions, FromOptions: a.Options, Options: b.Options})
	}
	return out
}

// sameConstraint compares by definition; names count only when both were chosen by a
// person (an unnamed constraint gets whatever name the database generates).
func sameConstraint(a, b *schema.Constraint) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Def == b.Def && (implicitName(a) || implicitName(b) || a.Name == b.Name)
}

func sameIndex(a, b *schema.Index) bool {
	return a.Unique == b.Unique && a.Def == b.Def && (a.AutoName || b.AutoName || a.Name == b.Name)
}

func implicitName(k *schema.Constraint) bool { return k.AutoName || k.Name == "" }

// matchLists pairs equal items; it returns the items of a without a partner (gone) and
// of b without one (added), each in its list's order.
func matchLists[T any](a, b []T, same func(x, y T) bool) (gone, added []T) {
	used := make([]bool, len(a))
	for _, y := range b {
		found := false
		for i, x := range a {
			if !used[i] && same(x, y) {
				used[i], found = true, true
				break
			}
		}
		if !found {
			added = append(added, y)
		}
	}
	for i, x := range a {
		if !used[i] {
			gone = append(gone, x)
		}
	}
	return gone, added
}

func addFKChanges(fks []*schema.ForeignKey) []schema.Change {
	var out []schema.Change
	for _, fk := range fks {
		out = append(out, schema.Change{Kind: schema.AddForeignKey, ForeignKey: fk})
	}
	return out
}

func fkOf(changes []schema.Change) []*schema.ForeignKey {
	var out []*schema.ForeignKey
	for _, c := range changes {
		out = append(out, c.ForeignKey)
	}
	return out
}

// withoutFKs is a copy of t lacking the given foreign keys.
func withoutFKs(t *schema.Table, fks []*schema.ForeignKey) *schema.Table {
	if len(fks) == 0 {
		return t
	}
	cp := *t
	cp.ForeignKeys = nil
	for _, fk := range t.ForeignKeys {
		keep := true
		for _, x := range fks {
			if fk == x {
				keep = false
			}
		}
		if keep {
			cp.ForeignKeys = append(cp.ForeignKeys, fk)
		}
	}
	return &cp
}

type orderedTable struct {
	table    *schema.Table
	deferred []*schema.ForeignKey // keys to add after every table exists (cycles)
}

// dependencyOrder sorts tables so each comes after the tables of the set its foreign keys
// reference, by name among equals. In a cycle the first remaining table by name goes next
// and, when breakCycles, its keys to tables not yet placed are deferred.
func dependencyOrder(tables []*schema.Table, breakCycles bool) []orderedTable {
	key := func(t *schema.Table) string { return t.Schema + "\x00" + t.Name }
	pending := map[string]*schema.Table{}
	for _, t := range tables {
		pending[key(t)] = t
	}
	names := make([]string, 0, len(pending))
	for k := range pending {
		names = append(names, k)
	}
	sort.Strings(names)
	refKey := func(t *schema.Table, fk *schema.ForeignKey) string { return fk.RefSchema + "\x00" + fk.RefTable }
	ready := func(t *schema.Table) bool {
		for _, fk := range t.ForeignKeys {
			r := refKey(t, fk)
			if r != key(t) && pending[r] != nil {
				return false
			}
		}
		return true
	}
	var out []orderedTable
	for len(pending) > 0 {
		next := ""
		for _, n := range names {
			if t := pending[n]; t != nil && ready(t) {
				next = n
				break
			}
		}
		ot := orderedTable{}
		if next == "" { // cycle
			for _, n := range names {
				if pending[n] != nil {
					next = n
					break
				}
			}
			t := pending[next]
			if breakCycles {
				for _, fk := range t.ForeignKeys {
					if r := refKey(t, fk); r != next && pending[r] != nil {
						ot.deferred = append(ot.deferred, fk)
					}
				}
			}
		}
		ot.table = pending[next]
		delete(pending, next)
		out = append(out, ot)
	}
	return out
}

// enumUsers lists the columns of s whose type is enum e.
func enumUsers(s *schema.Schema, e *schema.Enum) []schema.ColumnRef {
	var refs []schema.ColumnRef
	for _, t := range s.Tables {
		for _, c := range t.Columns {
			if c.Type == e.Name || c.Type == e.QualifiedName() || c.Type == e.Name+"[]" {
				refs = append(refs, schema.ColumnRef{Table: t, Column: c})
			}
		}
	}
	return refs
}

// enumUnion merges old and new enum values: old's in their order, each new value placed
// after the value it follows in new. ok is false when new reorders old's values, so no
// list exists that old grows into and shrinks into new from.
func enumUnion(old, new []string) ([]string, bool) {
	union := append([]string(nil), old...)
	for i, v := range new {
		if indexOf(union, v) >= 0 {
			continue
		}
		at := 0
		if i > 0 {
			at = indexOf(union, new[i-1]) + 1
		}
		union = append(union[:at], append([]string{v}, union[at:]...)...)
	}
	// new must be union with values removed, in the same order
	j := 0
	for _, v := range union {
		if j < len(new) && new[j] == v {
			j++
		}
	}
	return union, j == len(new)
}

func indexOf(list []string, v string) int {
	for i, x := range list {
		if x == v {
			return i
		}
	}
	return -1
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Unsupported compares the objects autogenerate does not manage and returns one line for
// each that differs, so nothing is skipped silently.
func Unsupported(from, to *schema.Schema) []string {
	key := func(o *schema.Object) string { return o.Kind + " " + o.QualifiedName() + " " + o.Table }
	live := map[string]*schema.Object{}
	for _, o := range from.Unsupported {
		live[key(o)] = o
	}
	var lines []string
	for _, o := range to.Unsupported {
		old, ok := live[key(o)]
		delete(live, key(o))
		switch {
		case !ok:
			lines = append(lines, fmt.Sprintf("%s %s is in the desired schema but not in the database; autogenerate does not create %ss, write it by hand", o.Kind, describe(o), o.Kind))
		case old.Definition != o.Definition:
			lines = append(lines, fmt.Sprintf("%s %s differs between the desired schema and the database; autogenerate does not alter %ss, write it by hand", o.Kind, describe(o), o.Kind))
		}
	}
	for _, o := range from.Unsupported {
		if _, ok := live[key(o)]; ok {
			lines = append(lines, fmt.Sprintf("%s %s is in the database but not in the desired schema; autogenerate does not drop %ss, write it by hand", o.Kind, describe(o), o.Kind))
		}
	}
	return lines
}

func describe(o *schema.Object) string {
	if o.Table != "" {
		return o.QualifiedName() + " on " + o.Table
	}
	return o.QualifiedName()
}
