package verify

import (
	"fmt"
	"strings"

	"github.com/retort-dev/retort/autogen"
	"github.com/retort-dev/retort/schema"
)

// DriftLines lists, object by object, how the live database differs from the replay
// of its revisions: what it has that the history does not create, what it lacks, and
// what differs. It is pure.
func DriftLines(d interface{ AltersConstraints() bool }, replay, live *schema.Schema) []string {
	var lines []string
	for _, op := range autogen.Diff(replay, live, d.AltersConstraints()) {
		switch op.Kind {
		case schema.CreateTable:
			lines = append(lines, fmt.Sprintf("table %s is in the database but not in the history", op.Table.QualifiedName()))
		case schema.DropTable:
			lines = append(lines, fmt.Sprintf("table %s is in the history but missing from the database", op.Table.QualifiedName()))
		case schema.CreateEnum:
			lines = append(lines, fmt.Sprintf("enum %s is in the database but not in the history", op.Enum.QualifiedName()))
		case schema.DropEnum:
			lines = append(lines, fmt.Sprintf("enum %s is in the history but missing from the database", op.Enum.QualifiedName()))
		case schema.AlterEnum:
			lines = append(lines, fmt.Sprintf("enum %s has values %s in the database, %s in the history", op.Enum.QualifiedName(),
				strings.Join(op.Enum.Values, ", "), strings.Join(op.FromEnum.Values, ", ")))
		case schema.AlterTable:
			for _, c := range op.Changes {
				lines = append(lines, changeLine(op.Table.QualifiedName(), c))
			}
		}
	}
	return append(lines, objectLines(replay, live, "is in the history but missing from the database", "is in the database but not in the history")...)
}

// changeLine describes one table change of replay -> live as drift.
func changeLine(table string, c schema.Change) string {
	extra, missing := "is in the database but not in the history", "is in the history but missing from the database"
	switch c.Kind {
	case schema.AddColumn:
		return fmt.Sprintf("column %s.%s %s", table, c.Column.Name, extra)
	case schema.DropColumn:
		return fmt.Sprintf("column %s.%s %s", table, c.Column.Name, missing)
	case schema.AlterColumn:
		return fmt.Sprintf("column %s.%s differs (history -> database): %s", table, c.Column.Name,
			strings.Join(schema.ColumnDifferences(c.FromColumn, c.Column), ", "))
	case schema.CreateIndex:
		return fmt.Sprintf("index %s on %s %s", c.Index.Name, table, extra)
	case schema.DropIndex:
		return fmt.Sprintf("index %s on %s %s", c.Index.Name, table, missing)
	case schema.AddPrimaryKey, schema.AddUnique, schema.AddCheck:
		return fmt.Sprintf("constraint %s on %s (%s) %s", name(c.Constraint.Name), table, c.Constraint.Def, extra)
	case schema.DropPrimaryKey, schema.DropUnique, schema.DropCheck:
		return fmt.Sprintf("constraint %s on %s (%s) %s", name(c.Constraint.Name), table, c.Constraint.Def, missing)
	case schema.AddForeignKey:
		return fmt.Sprintf("foreign key %s on %s (%s) %s", name(c.ForeignKey.Name), table, c.ForeignKey.Def, extra)
	case schema.DropForeignKey:
		return fmt.Sprintf("foreign key %s on %s (%s) %s", name(c.ForeignKey.Name), table, c.ForeignKey.Def, missing)
	case schema.SetTableComment:
		return fmt.Sprintf("table %s has comment %q in the database, %q in the history", table, c.Comment, c.FromComment)
	case schema.SetTableOptions:
		return fmt.Sprintf("table %s has options %q in the database, %q in the history", table, c.Options, c.FromOptions)
	}
	return fmt.Sprintf("table %s differs", table)
}

// objectLines compares the objects autogenerate does not manage (views, sequences,
// functions, triggers) of a and b: onlyA and onlyB finish the line of an object found
// on one side only.
func objectLines(a, b *schema.Schema, onlyA, onlyB string) []string {
	key := func(o *schema.Object) string { return o.Kind + " " + o.QualifiedName() + " " + o.Table }
	inA := map[string]*schema.Object{}
	for _, o := range a.Unsupported {
		inA[key(o)] = o
	}
	var lines []string
	for _, o := range b.Unsupported {
		old, ok := inA[key(o)]
		delete(inA, key(o))
		switch {
		case !ok:
			lines = append(lines, fmt.Sprintf("%s %s %s", o.Kind, o.QualifiedName(), onlyB))
		case old.Definition != o.Definition:
			lines = append(lines, fmt.Sprintf("%s %s differs", o.Kind, o.QualifiedName()))
		}
	}
	for _, o := range a.Unsupported {
		if _, ok := inA[key(o)]; ok {
			lines = append(lines, fmt.Sprintf("%s %s %s", o.Kind, o.QualifiedName(), onlyA))
		}
	}
	return lines
}

func name(n string) string {
	if n == "" {
		return "(unnamed)"
	}
	return n
}
