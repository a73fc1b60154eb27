package schema

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Warnings lists what o destroys or may destroy: dropped tables and columns, narrowed
// types, removed enum values. Renderers put each before the step as a "-- WARNING:" line.
func (o Op) Warnings() []string {
	switch o.Kind {
	case DropTable:
		return []string{fmt.Sprintf("drops table %s and all its rows", o.Table.QualifiedName())}
	case AlterEnum:
		var gone []string
		for _, v := range o.FromEnum.Values {
			if !slices.Contains(o.Enum.Values, v) {
				gone = append(gone, "'"+v+"'")
			}
		}
		if len(gone) > 0 {
			return []string{fmt.Sprintf("removes value %s from enum %s; rows holding it make this fail", strings.Join(gone, ", "), o.Enum.QualifiedName())}
		}
	case AlterTable:
		var w []string
		for _, c := range o.Changes {
			if s := c.warning(o.Table.QualifiedName()); s != "" {
				w = append(w, s)
			}
		}
		return w
	}
	return nil
}

func (c Change) warning(table string) string {
	switch c.Kind {
	case DropColumn:
		if c.Column.Generated != "" {
			return "" // computed from other columns: nothing is lost
		}
		return fmt.Sprintf("drops column %s.%s and its data", table, c.Column.Name)
	case AlterColumn:
		if c.FromColumn.Type != c.Column.Type && !Widens(c.FromColumn.Type, c.Column.Type) {
			return fmt.Sprintf("changes type of %s.%s from %s to %s, which may lose or reject data", table, c.Column.Name, c.FromColumn.Type, c.Column.Type)
		}
	}
	return ""
}

// intRank orders the integer types by range (PostgreSQL and SQLite spellings).
var intRank = map[string]int{"smallint": 1, "int2": 1, "integer": 2, "int": 2, "int4": 2, "bigint": 3, "int8": 3}

// Widens reports whether every value of type from fits type to unchanged, for the common
// cases (integers, character lengths, numeric precision, anything to text); any other
// change counts as narrowing.
func Widens(from, to string) bool {
	fb, fa := splitType(from)
	tb, ta := splitType(to)
	switch {
	case tb == "text":
		return true
	case intRank[fb] > 0 && intRank[tb] > 0:
		return intRank[fb] <= intRank[tb]
	case fb == "real" && tb == "double precision":
		return true
	case isChar(fb) && isChar(tb):
		return len(ta) == 0 || len(fa) == 1 && len(ta) == 1 && fa[0] <= ta[0]
	case fb == "numeric" && tb == "numeric" || fb == "decimal" && tb == "decimal":
		if len(ta) == 0 {
			return true
		}
		if len(fa) == 0 {
			return false
		}
		fs, ts := at(fa, 1), at(ta, 1)
		return ta[0] >= fa[0] && ts >= fs && ta[0]-ts >= fa[0]-fs
	}
	return false
}

func isChar(base string) bool {
	return base == "character varying" || base == "varchar" || base == "nvarchar"
}

// splitType splits "numeric(10,2)" into "numeric" and [10 2]; the base is lower case.
func splitType(t string) (string, []int) {
	t = strings.ToLower(strings.TrimSpace(t))
	open := strings.IndexByte(t, '(')
	if open < 0 || !strings.HasSuffix(t, ")") {
		return t, nil
	}
	var args []int
	for _, a := range strings.Split(t[open+1:len(t)-1], ",") {
		n, err := strconv.Atoi(strings.TrimSpace(a))
		if err != nil {
			return t, nil
		}
		args = append(args, n)
	}
	return strings.TrimSpace(t[:open]), args
}

func at(a []int, i int) int {
	if i < len(a) {
		return a[i]
	}
	return 0
}
