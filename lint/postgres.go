package lint

import (
	"fmt"
	"strings"

	"github.com/retort-dev/retort/sqlscript"
)

// PostgreSQL: most ALTER TABLE forms take an ACCESS EXCLUSIVE lock, which queues every
// read and write behind it; the rules flag the ones that hold it for a table scan or
// rewrite, and the ones that lose data or break deployed code.
func init() {
	register(&RuleSet{Dialect: "postgresql", Lex: sqlscript.PostgreSQL, Rules: []*Rule{
		pgIndexNotConcurrent, pgConcurrentlyInTx, pgConstraintNotValid, pgConstraintIndex,
		pgSetNotNull, pgTypeRewrite, pgVolatileDefault, notNullWithoutDefault,
		dropTable, dropColumn, truncate, renameTable, renameColumn, pgDDLWithData,
	}})
}

var pgIndexNotConcurrent = &Rule{
	ID: "index-without-concurrently", Severity: Error,
	Summary: "CREATE INDEX without CONCURRENTLY on a table that existed before the revision",
	Remedy:  "CREATE INDEX CONCURRENTLY, alone in a revision with '-- transactional: false' in its header",
	check: func(sc *scope, s *stmt) []hit {
		if s.kind != sCreateIndex || s.concurrently || !sc.existing(s.table()) {
			return nil
		}
		return []hit{{line: s.line, table: s.table(), msg: fmt.Sprintf("CREATE INDEX %son existing table %s blocks writes to it until the index is built", nameSpace(s.index), s.table())}}
	},
}

var pgConcurrentlyInTx = &Rule{
	ID: "concurrently-in-transaction", Severity: Error,
	Summary: "a CONCURRENTLY statement in a revision that runs in a transaction",
	Remedy:  "put '-- transactional: false' in the revision header (and keep the statement in a revision of its own)",
	check: func(sc *scope, s *stmt) []hit {
		if !s.concurrently || !sc.rev.Transactional {
			return nil
		}
		what := map[stmtKind]string{sCreateIndex: "CREATE INDEX", sDropIndex: "DROP INDEX", sReindex: "REINDEX"}[s.kind]
		return []hit{{line: s.line, table: s.table(), msg: what + " CONCURRENTLY cannot run inside a transaction block, and this revision runs in one: it fails"}}
	},
}

var pgConstraintNotValid = &Rule{
	ID: "constraint-without-not-valid", Severity: Error,
	Summary: "ADD FOREIGN KEY / ADD CHECK without NOT VALID, or validated in the transaction that added it",
	Remedy:  "add the constraint NOT VALID, then VALIDATE CONSTRAINT in a later revision",
	check: eachAction(func(sc *scope, s *stmt, a action) string {
		switch {
		case a.kind == aAddConstraint && (a.conKind == "FOREIGN KEY" || a.conKind == "CHECK") && !a.notValid:
			lock := "blocks writes to it"
			if a.conKind == "FOREIGN KEY" {
				lock = "blocks writes to it and to the referenced table"
			}
			return fmt.Sprintf("ADD %s %son existing table %s scans the whole table and %s meanwhile", a.conKind, nameSpace(a.conName), s.table(), lock)
		case a.kind == aValidate && sc.notValid[a.conName] && sc.rev.Transactional:
			return fmt.Sprintf("VALIDATE CONSTRAINT %s in the transaction that added it keeps the ADD's lock on %s during the scan", a.conName, s.table())
		}
		return ""
	}),
}

var pgConstraintIndex = &Rule{
	ID: "constraint-builds-index", Severity: Error,
	Summary: "ADD PRIMARY KEY / UNIQUE / EXCLUDE that builds its index under the table lock",
	Remedy:  "CREATE UNIQUE INDEX CONCURRENTLY first, then ADD CONSTRAINT ... USING INDEX",
	check: eachAction(func(sc *scope, s *stmt, a action) string {
		if a.kind != aAddConstraint || a.usingIndex || !(a.conKind == "PRIMARY KEY" || a.conKind == "UNIQUE" || a.conKind == "EXCLUDE") {
			return ""
		}
		return fmt.Sprintf("ADD %s on existing table %s builds an index while blocking reads and writes", a.conKind, s.table())
	}),
}

var pgSetNotNull = &Rule{
	ID: "set-not-null", Severity: Error,
	Summary: "SET NOT NULL without a validated CHECK (col IS NOT NULL)",
	Remedy:  "add CHECK (col IS NOT NULL) NOT VALID, VALIDATE it in a later revision, then SET NOT NULL (PostgreSQL 12+ skips the scan) and drop the check",
	check: eachAction(func(sc *scope, s *stmt, a action) string {
		if a.kind != aSetNotNull || sc.m.validatedNotNull(s.table(), a.column) {
			return ""
		}
		return fmt.Sprintf("SET NOT NULL on %s.%s scans the whole table while blocking reads and writes", s.table(), a.column)
	}),
}

var pgTypeRewrite = &Rule{
	ID: "column-type-rewrite", Severity: Error,
	Summary: "ALTER COLUMN ... TYPE that rewrites the table",
	Remedy:  "add a column of the new type, backfill it in batches and switch over; or run the change in a maintenance window",
	check: func(sc *scope, s *stmt) []hit {
		if s.kind != sAlterTable || !sc.existing(s.table()) {
			return nil
		}
		var hits []hit
		for _, a := range s.actions {
			if a.kind != aAlterType {
				continue
			}
			old := sc.m.column(s.table(), a.column)
			switch {
			case old == nil:
				hits = append(hits, hit{line: a.line, table: s.table(), severity: Warning, msg: fmt.Sprintf("changing the type of %s.%s to %s may rewrite the table (its current type is not known from the history)", s.table(), a.column, a.col.typ)})
			case pgRewrites(old.typ, a.col.typ, a.using):
				hits = append(hits, hit{line: a.line, table: s.table(), msg: fmt.Sprintf("changing %s.%s from %s to %s rewrites the table and its indexes while blocking reads and writes", s.table(), a.column, old.typ, a.col.typ)})
			}
		}
		return hits
	},
}

// pgRewrites reports whether PostgreSQL rewrites a table to change a column from type
// old to type new: everything but the binary-compatible changes does.
func pgRewrites(old, new string, using bool) bool {
	if using {
		return true
	}
	if old == new {
		return false
	}
	ob, oa, ok1 := typeArgs(old)
	nb, na, ok2 := typeArgs(new)
	if !ok1 || !ok2 {
		return true
	}
	wider := func() bool {
		return na == nil || oa != nil && len(na) == len(oa) && na[0] >= oa[0] && (len(na) < 2 || na[1] == oa[1])
	}
	switch {
	case ob == "varchar" && nb == "text", ob == "text" && nb == "varchar" && na == nil:
		return false
	case ob == nb && (ob == "varchar" || ob == "varbit" || ob == "numeric"):
		return !wider()
	case ob == "cidr" && nb == "inet":
		return false
	}
	return true
}

var pgVolatileDefault = &Rule{
	ID: "volatile-default", Severity: Error,
	Summary: "ADD COLUMN that fills every row: a volatile default, serial, identity or stored generated column",
	Remedy:  "add the column without a default (or with a constant one), then SET DEFAULT and backfill the rows in batches",
	check: eachAction(func(sc *scope, s *stmt, a action) string {
		if a.kind != aAddColumn {
			return ""
		}
		c := a.col
		what := ""
		switch {
		case c.hasDefault && volatile(c.defToks) != "":
			what = "its default " + volatile(c.defToks) + "() is volatile"
		case isSerial(c.typ):
			what = "a " + c.typ + " column gets a value from a sequence per row"
		case c.identity:
			what = "an identity column gets a value per row"
		case c.stored:
			what = "a stored generated column is computed per row"
		default:
			return ""
		}
		return fmt.Sprintf("ADD COLUMN %s.%s rewrites the whole table while blocking reads and writes: %s", s.table(), c.name, what)
	}),
}

// volatileFuncs are volatile functions seen in column defaults; stable ones such as
// now() are evaluated once, so they do not make ADD COLUMN rewrite the table.
var volatileFuncs = map[string]bool{
	"RANDOM": true, "GEN_RANDOM_UUID": true, "UUID_GENERATE_V1": true, "UUID_GENERATE_V1MC": true,
	"UUID_GENERATE_V4": true, "CLOCK_TIMESTAMP": true, "TIMEOFDAY": true, "NEXTVAL": true,
	"TXID_CURRENT": true, "SETSEED": true, "UUIDV7": true, "UUID_GENERATE_V7": true,
}

// volatile returns the name of the first volatile function called in toks, or "".
func volatile(toks []token) string {
	for i, t := range toks {
		if t.kind == tWord && volatileFuncs[t.text] && i+1 < len(toks) && toks[i+1].text == "(" {
			return strings.ToLower(t.raw)
		}
	}
	return ""
}

var pgDDLWithData = &Rule{
	ID: "ddl-with-data-change", Severity: Warning,
	Summary: "a transactional revision that changes existing tables' definitions and updates or deletes their rows",
	Remedy:  "move the data change into a revision of its own (batched where the table is large)",
	check: func(sc *scope, s *stmt) []hit {
		if !sc.rev.Transactional || !sc.largeDataChange(s) {
			return nil
		}
		for _, o := range sc.stmts {
			if o.ddl() && !sc.createdAny[o.table()] {
				return []hit{{line: s.line, table: s.table(), msg: fmt.Sprintf("%s of %s runs in the same transaction as the schema change at line %d, which holds its locks until all rows are done", dmlVerb(s), s.table(), o.line)}}
			}
		}
		return nil
	},
}

// largeDataChange: an UPDATE or DELETE, or an INSERT ... SELECT, on an existing table.
func (sc *scope) largeDataChange(s *stmt) bool {
	switch s.kind {
	case sUpdate, sDelete:
	case sInsert:
		if !s.fromSelect {
			return false
		}
	default:
		return false
	}
	return !sc.createdAny[s.table()]
}

func dmlVerb(s *stmt) string {
	return map[stmtKind]string{sUpdate: "UPDATE", sDelete: "DELETE", sInsert: "INSERT ... SELECT"}[s.kind]
}

func nameSpace(n string) string {
	if n == "" {
		return ""
	}
	return n + " "
}
