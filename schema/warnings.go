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

// intRank orders the integer types by range (PostgreSQL, SQLite and MySQL spellings).
var intRank = map[string]int{"tinyint": 1, "smallint": 2, "int2": 2, "mediumint": 3, "integer": 4, "int": 4, "int4": 4, "bigint": 5, "int8": 5}

// textRank orders the text types by capacity; "text" is PostgreSQL's and SQLite's
// unbounded text too.
var textRank = map[string]int{"tinytext": 1, "text": 2, "mediumtext": 3, "longtext": 4}

// Widens reports whether every value of type from fits type to unchanged, for the common
// cases (integers, character lengths, numeric precision, anything to text, MySQL enums
// and sets gaining values); any other change counts as narrowing.
func Widens(from, to string) bool {
	if fv, ok := enumValues(from); ok {
		tv, ok := enumValues(to)
		return ok && strings.HasPrefix(strings.ToLower(from), strings.ToLower(to[:4])) && subset(fv, tv)
	}
	from, fUnsigned := cutUnsigned(from)
	to, tUnsigned := cutUnsigned(to)
	fb, fa := splitType(from)
	tb, ta := splitType(to)
	switch {
	case textRank[fb] > 0 && textRank[tb] > 0:
		return textRank[fb] <= textRank[tb]
	case tb == "text" || textRank[tb] > 0 && isChar(fb):
		return true
	case intRank[fb] > 0 && intRank[tb] > 0:
		switch {
		case fUnsigned == tUnsigned:
			return intRank[fb] <= intRank[tb]
		case tUnsigned:
			return false // negative values do not fit
		}
		return intRank[fb] < intRank[tb]
	case fb == "real" && tb == "double precision", fb == "float" && tb == "double":
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

// cutUnsigned removes MySQL's " unsigned" attribute; a zerofill type is unsigned too.
func cutUnsigned(t string) (string, bool) {
	l := strings.ToLower(t)
	if i := strings.Index(l, " unsigned"); i >= 0 {
		return t[:i], true
	}
	return t, false
}

// enumValues reads the values of a MySQL enum('a','b') or set('a','b') type.
func enumValues(t string) ([]string, bool) {
	l := strings.ToLower(t)
	var rest string
	switch {
	case strings.HasPrefix(l, "enum(") && strings.HasSuffix(l, ")"):
		rest = t[5 : len(t)-1]
	case strings.HasPrefix(l, "set(") && strings.HasSuffix(l, ")"):
		rest = t[4 : len(t)-1]
	default:
		return nil, false
	}
	var vals []string
	for rest != "" {
		if rest[0] != '\'' {
			return nil, false
		}
		var v strings.Builder
		i := 1
		for ; i < len(rest); i++ {
			if rest[i] == '\'' {
				if i+1 < len(rest) && rest[i+1] == '\'' {
					v.WriteByte('\'')
					i++
					continue
				}
				break
			}
			v.WriteByte(rest[i])
		}
		vals = append(vals, v.String())
		rest = strings.TrimPrefix(rest[min(i+1, len(rest)):], ",")
	}
	return vals, true
}

func subset(a, b []string) bool {
	for _, v := range a {
		if !slices.Contains(b, v) {
			return false
		}
	}
	return true
}

func isChar(base string) bool {
	return base == "character varying" || base == "varchar" || base == "nvarchar" || base == "char"
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
