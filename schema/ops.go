package schema

import (
	"fmt"
	"strings"
)

// OpKind names a schema operation.
type OpKind int

const (
	CreateEnum OpKind = iota + 1
	DropEnum
	AlterEnum // values added, removed or reordered
	CreateTable
	DropTable
	AlterTable
)

// Op is one step of a migration. Ops are invertible: Invert gives the step that undoes it.
type Op struct {
	Kind OpKind
	// Table is the table created or dropped, or for AlterTable the table after the step.
	Table *Table
	// From is, for AlterTable, the table before the step.
	From    *Table
	Changes []Change // AlterTable: the changes, in the order they are applied
	// Enum is the enum created or dropped, or for AlterEnum the enum after the step;
	// FromEnum is, for AlterEnum, the enum before.
	Enum, FromEnum *Enum
	// Users are, for AlterEnum, the columns of type Enum (needed when the type has to be
	// recreated because values are removed or reordered).
	Users []ColumnRef
}

// ColumnRef names a column of a table.
type ColumnRef struct {
	Table  *Table
	Column *Column
}

// ChangeKind names one change inside an AlterTable op.
type ChangeKind int

const (
	AddColumn ChangeKind = iota + 1
	DropColumn
	AlterColumn
	AddPrimaryKey
	DropPrimaryKey
	AddUnique
	DropUnique
	AddCheck
	DropCheck
	AddForeignKey
	DropForeignKey
	CreateIndex
	DropIndex
	SetTableComment
	SetTableOptions
)

// Change is one change to a table.
type Change struct {
	Kind ChangeKind
	// Column is the column added or dropped, or for AlterColumn the column after;
	// FromColumn is, for AlterColumn, the column before.
	Column, FromColumn *Column
	Constraint         *Constraint // primary key, unique, check
	ForeignKey         *ForeignKey
	Index              *Index
	// Comment and FromComment are the table comment after and before (SetTableComment);
	// Options and FromOptions the table options (SetTableOptions).
	Comment, FromComment string
	Options, FromOptions string
}

var inverseChange = map[ChangeKind]ChangeKind{
	AddColumn: DropColumn, DropColumn: AddColumn, AlterColumn: AlterColumn,
	AddPrimaryKey: DropPrimaryKey, DropPrimaryKey: AddPrimaryKey,
	AddUnique: DropUnique, DropUnique: AddUnique,
	AddCheck: DropCheck, DropCheck: AddCheck,
	AddForeignKey: DropForeignKey, DropForeignKey: AddForeignKey,
	CreateIndex: DropIndex, DropIndex: CreateIndex,
	SetTableComment: SetTableComment,
	SetTableOptions: SetTableOptions,
}

// Invert returns the change that undoes c.
func (c Change) Invert() Change {
	inv := c
	inv.Kind = inverseChange[c.Kind]
	if c.Kind == AlterColumn {
		inv.Column, inv.FromColumn = c.FromColumn, c.Column
	}
	inv.Comment, inv.FromComment = c.FromComment, c.Comment
	inv.Options, inv.FromOptions = c.FromOptions, c.Options
	return inv
}

// Invert returns the op that undoes o; for AlterTable the changes are inverted and
// reversed, so applying o and then o.Invert() returns to the start.
func (o Op) Invert() Op {
	inv := o
	switch o.Kind {
	case CreateEnum:
		inv.Kind = DropEnum
	case DropEnum:
		inv.Kind = CreateEnum
	case CreateTable:
		inv.Kind = DropTable
	case DropTable:
		inv.Kind = CreateTable
	case AlterEnum:
		inv.Enum, inv.FromEnum = o.FromEnum, o.Enum
	case AlterTable:
		inv.Table, inv.From = o.From, o.Table
		inv.Changes = make([]Change, len(o.Changes))
		for i, c := range o.Changes {
			inv.Changes[len(o.Changes)-1-i] = c.Invert()
		}
	}
	return inv
}

// InvertAll returns the ops that undo ops: each inverted, in reverse order.
func InvertAll(ops []Op) []Op {
	inv := make([]Op, len(ops))
	for i, o := range ops {
		inv[len(ops)-1-i] = o.Invert()
	}
	return inv
}

// Lines describes o in one line per change, for `check` and logs.
func (o Op) Lines() []string {
	switch o.Kind {
	case CreateEnum:
		return []string{fmt.Sprintf("create enum %s %s", o.Enum.QualifiedName(), quoteList(o.Enum.Values))}
	case DropEnum:
		return []string{fmt.Sprintf("drop enum %s", o.Enum.QualifiedName())}
	case AlterEnum:
		return []string{fmt.Sprintf("alter enum %s values %s -> %s", o.Enum.QualifiedName(),
			quoteList(o.FromEnum.Values), quoteList(o.Enum.Values))}
	case CreateTable:
		return []string{"create table " + o.Table.QualifiedName()}
	case DropTable:
		return []string{"drop table " + o.Table.QualifiedName()}
	}
	lines := make([]string, 0, len(o.Changes))
	for _, c := range o.Changes {
		lines = append(lines, c.line(o.Table.QualifiedName()))
	}
	return lines
}

func (c Change) line(table string) string {
	switch c.Kind {
	case AddColumn:
		return fmt.Sprintf("add column %s.%s %s", table, c.Column.Name, c.Column.Type)
	case DropColumn:
		return fmt.Sprintf("drop column %s.%s", table, c.Column.Name)
	case AlterColumn:
		return fmt.Sprintf("alter column %s.%s: %s", table, c.Column.Name, strings.Join(ColumnDifferences(c.FromColumn, c.Column), ", "))
	case AddPrimaryKey, AddUnique, AddCheck:
		return fmt.Sprintf("add constraint %s on %s: %s", nameOr(c.Constraint.Name), table, c.Constraint.Def)
	case DropPrimaryKey, DropUnique, DropCheck:
		return fmt.Sprintf("drop constraint %s on %s: %s", nameOr(c.Constraint.Name), table, c.Constraint.Def)
	case AddForeignKey:
		return fmt.Sprintf("add foreign key %s on %s: %s", nameOr(c.ForeignKey.Name), table, c.ForeignKey.Def)
	case DropForeignKey:
		return fmt.Sprintf("drop foreign key %s on %s: %s", nameOr(c.ForeignKey.Name), table, c.ForeignKey.Def)
	case CreateIndex:
		return fmt.Sprintf("create index %s on %s %s", c.Index.Name, table, c.Index.Def)
	case DropIndex:
		return fmt.Sprintf("drop index %s on %s", c.Index.Name, table)
	case SetTableComment:
		return fmt.Sprintf("set comment on table %s: %q -> %q", table, c.FromComment, c.Comment)
	case SetTableOptions:
		return fmt.Sprintf("set options of table %s: %s -> %s", table, show(c.FromOptions), show(c.Options))
	}
	return fmt.Sprintf("change %d on %s", c.Kind, table)
}

// ColumnDifferences lists what differs between two versions of a column, e.g.
// `type integer -> bigint`; empty when they are equal.
func ColumnDifferences(a, b *Column) []string {
	var d []string
	add := func(what, x, y string) {
		if x != y {
			d = append(d, fmt.Sprintf("%s %s -> %s", what, show(x), show(y)))
		}
	}
	add("type", a.Type, b.Type)
	add("nullable", fmt.Sprint(!a.NotNull), fmt.Sprint(!b.NotNull))
	add("default", a.Default, b.Default)
	add("identity", a.Identity, b.Identity)
	add("serial", fmt.Sprint(a.Serial), fmt.Sprint(b.Serial))
	add("auto_increment", fmt.Sprint(a.AutoIncrement), fmt.Sprint(b.AutoIncrement))
	add("on update", a.OnUpdate, b.OnUpdate)
	add("generated", generatedText(a), generatedText(b))
	add("collation", a.Collation, b.Collation)
	add("comment", a.Comment, b.Comment)
	return d
}

func generatedText(c *Column) string {
	if c.Generated == "" {
		return ""
	}
	if c.GeneratedStored {
		return c.Generated + " STORED"
	}
	return c.Generated + " VIRTUAL"
}

func show(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

func nameOr(n string) string {
	if n == "" {
		return "(unnamed)"
	}
	return n
}

func quoteList(vals []string) string {
	q := make([]string, len(vals))
	for i, v := range vals {
		q[i] = "'" + v + "'"
	}
	return "(" + strings.Join(q, ", ") + ")"
}
