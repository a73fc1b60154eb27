package lint

import (
	"fmt"

	"github.com/retort-dev/retort/sqlscript"
)

// SQLite: a write locks the whole database, so anything that copies a table's rows
// (the rebuild that stands in for most ALTERs) stops every writer for as long as it takes.
func init() {
	register(&RuleSet{Dialect: "sqlite", Lex: sqlscript.SQLite, Rules: []*Rule{
		sqliteRebuild, dropTable, sqliteDropColumn, renameTable, renameColumn, notNullWithoutDefault,
	}})
}

var sqliteRebuild = &Rule{
	ID: "sqlite-table-rebuild", Severity: Warning, LargeRows: 100000,
	Summary: "a table rebuild (new table, copy rows, drop, rename) of a table that existed before the revision",
	Remedy:  "fine for small tables; for a large one, apply it when writers can wait, and rebuild it once for all its changes",
	check: func(sc *scope, s *stmt) []hit {
		if s.kind != sDropTable {
			return nil
		}
		var hits []hit
		for _, t := range s.tables {
			if sc.existing(t) && sc.rebuilt(t) {
				hits = append(hits, hit{line: s.line, table: t, msg: fmt.Sprintf("rebuilds table %s: every row is copied while the database is locked for writes", t)})
			}
		}
		return hits
	},
}

var sqliteDropColumn = &Rule{
	ID: dropColumn.ID, Severity: dropColumn.Severity, Summary: dropColumn.Summary, Remedy: dropColumn.Remedy,
	check: eachAction(func(sc *scope, s *stmt, a action) string {
		if a.kind != aDropColumn {
			return ""
		}
		return fmt.Sprintf("DROP COLUMN %s.%s deletes its data and rewrites every row of the table; deployed code still selecting it fails", s.table(), a.column)
	}),
}
