package lint

import (
	"fmt"
	"strconv"
	"strings"
)

// Rules shared by several databases. Each database's file lists the ones it uses.

var dropTable = &Rule{
	ID: "drop-table", Severity: Error,
	Summary: "DROP TABLE of a table that existed before the revision",
	Remedy:  "drop it only once no deployed code uses it, and say so with '-- lint: ignore drop-table <reason>'",
	check: eachTable(sDropTable, func(sc *scope, t string) string {
		if sc.rebuilt(t) {
			return ""
		}
		return fmt.Sprintf("DROP TABLE %s deletes the table and all its rows", t)
	}),
}

var dropColumn = &Rule{
	ID: "drop-column", Severity: Error,
	Summary: "DROP COLUMN on a table that existed before the revision",
	Remedy:  "first deploy code that no longer reads or writes the column, then drop it with a waiver saying so",
	check: eachAction(func(sc *scope, s *stmt, a action) string {
		if a.kind != aDropColumn {
			return ""
		}
		return fmt.Sprintf("DROP COLUMN %s.%s deletes its data, and deployed code still selecting it fails", s.table(), a.column)
	}),
}

var truncate = &Rule{
	ID: "truncate", Severity: Error,
	Summary: "TRUNCATE of a table that existed before the revision",
	Remedy:  "delete data in a separate, reviewed data migration (or waive with the reason)",
	check: eachTable(sTruncate, func(sc *scope, t string) string {
		return fmt.Sprintf("TRUNCATE %s deletes every row", t)
	}),
}

var renameTable = &Rule{
	ID: "rename-table", Severity: Warning,
	Summary: "renaming a table that existed before the revision",
	Remedy:  "create the new table (or a view under the new name), move the code over, then drop the old name",
	check: eachAction(func(sc *scope, s *stmt, a action) string {
		if a.kind != aRenameTable {
			return ""
		}
		return fmt.Sprintf("renaming table %s to %s breaks deployed code that still uses the old name", s.table(), a.to)
	}),
}

var renameColumn = &Rule{
	ID: "rename-column", Severity: Warning,
	Summary: "renaming a column of a table that existed before the revision",
	Remedy:  "add the new column, write both, backfill, move reads over, then drop the old column",
	check: eachAction(func(sc *scope, s *stmt, a action) string {
		if a.kind != aRenameColumn && !(a.kind == aModifyColumn && a.to != "") {
			return ""
		}
		to := a.to
		return fmt.Sprintf("renaming column %s.%s to %s breaks deployed code that still uses the old name", s.table(), a.column, to)
	}),
}

var notNullWithoutDefault = &Rule{
	ID: "not-null-without-default", Severity: Error,
	Summary: "ADD COLUMN ... NOT NULL without a default on a table that existed before the revision",
	Remedy:  "give the column a constant DEFAULT, or add it nullable, backfill it, then make it NOT NULL",
	check: eachAction(func(sc *scope, s *stmt, a action) string {
		c := a.col
		if a.kind != aAddColumn || !c.notNull || c.hasDefault || c.identity || c.generated || isSerial(c.typ) {
			return ""
		}
		return fmt.Sprintf("ADD COLUMN %s.%s NOT NULL without a default fails when the table has rows", s.table(), c.name)
	}),
}

// eachAction makes a rule of a check on the ALTER TABLE actions of tables that existed
// before the revision; f returns the message, "" for none.
func eachAction(f func(sc *scope, s *stmt, a action) string) func(sc *scope, s *stmt) []hit {
	return func(sc *scope, s *stmt) []hit {
		if s.kind != sAlterTable || !sc.existing(s.table()) {
			return nil
		}
		var hits []hit
		for _, a := range s.actions {
			if msg := f(sc, s, a); msg != "" {
				hits = append(hits, hit{line: a.line, msg: msg, table: s.table()})
			}
		}
		return hits
	}
}

// eachTable applies f to each table that a statement of kind names and that existed
// before the revision; f returns the finding's message, or "" for none.
func eachTable(kind stmtKind, f func(sc *scope, table string) string) func(sc *scope, s *stmt) []hit {
	return func(sc *scope, s *stmt) []hit {
		if s.kind != kind {
			return nil
		}
		var hits []hit
		for _, t := range s.tables {
			if !sc.existing(t) {
				continue
			}
			if msg := f(sc, t); msg != "" {
				hits = append(hits, hit{line: s.line, table: t, msg: msg})
			}
		}
		return hits
	}
}

// rebuilt reports whether a later statement of the revision renames another table to
// table: the drop is then part of replacing the table (SQLite's rebuild), not a loss.
func (sc *scope) rebuilt(table string) bool {
	for _, s := range sc.stmts[sc.idx+1:] {
		if s.kind != sAlterTable {
			continue
		}
		for _, a := range s.actions {
			if a.kind == aRenameTable && a.to == table {
				return true
			}
		}
	}
	return false
}

func isSerial(typ string) bool {
	switch typ {
	case "serial", "bigserial", "smallserial", "serial4", "serial8", "serial2":
		return true
	}
	return false
}

// typeArgs splits "varchar(50)" into "varchar" and [50]; args that are not numbers
// make ok false.
func typeArgs(typ string) (base string, args []int, ok bool) {
	base, rest, has := strings.Cut(typ, "(")
	if !has {
		return typ, nil, true
	}
	inner, tail, _ := strings.Cut(rest, ")")
	if strings.TrimSpace(tail) != "" {
		return base, nil, false
	}
	for _, p := range strings.Split(inner, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil {
			return base, nil, false
		}
		args = append(args, n)
	}
	return base, args, true
}
