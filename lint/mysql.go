package lint

import (
	"fmt"

	"github.com/retort-dev/retort/sqlscript"
)

// MySQL and MariaDB: InnoDB runs most ALTER TABLEs online (ALGORITHM=INSTANT or
// INPLACE); the rest copy the table row by row while writes wait (ALGORITHM=COPY). The
// rule flags the changes that need the copy, unless the statement asks for INSTANT or
// INPLACE itself (the server then refuses it rather than copying).
func init() {
	rs := &RuleSet{Dialect: "mysql", Lex: sqlscript.MySQL, Rules: []*Rule{
		mysqlCopyAlter, dropTable, dropColumn, truncate, renameTable, renameColumn,
	}}
	register(rs)
	register(&RuleSet{Dialect: "mariadb", Lex: rs.Lex, Rules: rs.Rules})
}

var mysqlCopyAlter = &Rule{
	ID: "mysql-copy-alter", Severity: Error,
	Summary: "an ALTER TABLE that InnoDB can only run as ALGORITHM=COPY (the table is copied while writes wait)",
	Remedy:  "make the change in steps InnoDB runs in place (new column, backfill, switch), or use an online schema change tool (gh-ost, pt-online-schema-change)",
	check: func(sc *scope, s *stmt) []hit {
		if s.kind != sAlterTable || !sc.existing(s.table()) || s.algorithm == "INSTANT" || s.algorithm == "INPLACE" {
			return nil
		}
		var hits []hit
		for _, a := range s.actions {
			why, sev := mysqlCopies(sc, s, a)
			if why != "" {
				hits = append(hits, hit{line: a.line, table: s.table(), severity: sev, msg: fmt.Sprintf("ALTER TABLE %s copies the table while blocking writes: %s", s.table(), why)})
			}
		}
		if len(hits) == 0 && s.algorithm == "COPY" {
			hits = append(hits, hit{line: s.line, table: s.table(), msg: fmt.Sprintf("ALTER TABLE %s asks for ALGORITHM=COPY, which copies the table while blocking writes", s.table())})
		}
		return hits
	},
}

// mysqlCopies says why action a needs ALGORITHM=COPY ("" when it does not), with the
// severity when it differs from the rule's (a guess: Warning).
func mysqlCopies(sc *scope, s *stmt, a action) (string, Severity) {
	switch a.kind {
	case aModifyColumn:
		old := sc.m.column(s.table(), a.column)
		switch {
		case old == nil:
			return fmt.Sprintf("changing column %s may change its type (its current type is not known from the history)", a.column), Warning
		case old.typ != a.col.typ && !mysqlWidens(old.typ, a.col.typ):
			return fmt.Sprintf("column %s changes type from %s to %s", a.column, old.typ, a.col.typ), ""
		}
	case aConvertCharset:
		return "CONVERT TO CHARACTER SET rewrites every text column", ""
	case aDropPrimaryKey:
		return "dropping the primary key without adding one in the same statement", ""
	case aAddConstraint:
		if a.conKind == "FOREIGN KEY" {
			return "ADD FOREIGN KEY runs in place only with foreign_key_checks off", ""
		}
	}
	return "", ""
}

// mysqlWidens: a VARCHAR made longer keeps its rows in place (while its length stays
// on the same side of 255 bytes, which retort cannot see without the character set).
func mysqlWidens(old, new string) bool {
	ob, oa, ok1 := typeArgs(old)
	nb, na, ok2 := typeArgs(new)
	return ok1 && ok2 && ob == "varchar" && nb == "varchar" && len(oa) == 1 && len(na) == 1 && na[0] >= oa[0]
}
