package sqlscript

import (
	"errors"
	"strings"
	"testing"
)

// Fuzz targets per database option set. Each checks checkSplit's invariants.

func FuzzSplitSQLite(f *testing.F) {
	fuzzSplit(f, SQLite, []string{
		"CREATE TABLE [a;b] (`c;d` INT, \"e\"\"f\" TEXT DEFAULT 'g''h'); SELECT $p, :q, ?1;",
		"CREATE TEMP TRIGGER t AFTER INSERT ON a BEGIN SELECT CASE WHEN 1 THEN 2 END; END; SELECT 1",
		"/* a /* b */ SELECT 1; -- c\n;",
		"[unterminated",
	})
}

func FuzzSplitPostgreSQL(f *testing.F) {
	fuzzSplit(f, PostgreSQL, []string{
		"CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END; $$ LANGUAGE plpgsql; SELECT E'a\\'b', $1;",
		"CREATE FUNCTION g() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END; /* a /* b */ c */ DO $x$ $$ $x$;",
		"CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2));",
		"SELECT U&\"a\", B'01', X'AF', 1.5e3::numeric -- x",
	})
}

func FuzzSplitMySQL(f *testing.F) {
	fuzzSplit(f, MySQL, []string{
		"DELIMITER $$\nCREATE PROCEDURE p() BEGIN SELECT 1; END$$\nDELIMITER ;\nSELECT 2;",
		"CREATE DEFINER=`u`@`%` TRIGGER t BEFORE INSERT ON a FOR EACH ROW BEGIN IF NEW.x THEN SET NEW.y = 1; END IF; END; SELECT 3;",
		"INSERT INTO t VALUES ('a\\'b', \"c\\\"d\") # c\n; SELECT 1--1; SELECT 2 -- c\n;",
		"/*!40101 SET NAMES utf8 */; SELECT /*+ HINT */ `a``b` FROM t;",
		"delimiter //\nSELECT 1//\n",
	})
}

func fuzzSplit(f *testing.F, o Options, seeds []string) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) { checkSplit(t, o, src) })
}

// checkSplit checks that splitting src under o
//   - fails only with a SyntaxError on a line of src;
//   - gives statements that are their trimmed source text, in order, at the lines where they
//     start (so lines never decrease), each starting and ending at a token;
//   - leaves out of its statements nothing but whitespace, comments, delimiters and
//     DELIMITER directives: every other token is in a statement;
//   - is idempotent where the text allows it (no DELIMITER directive): each statement
//     split alone is that statement, and the statements joined by ";" split into the same.
func checkSplit(t *testing.T, o Options, src string) {
	stmts, err := o.Split(src, 1)
	if err != nil {
		var se *SyntaxError
		if !errors.As(err, &se) || se.Line < 1 || se.Line > strings.Count(src, "\n")+1 {
			t.Fatalf("bad error %v", err)
		}
		return
	}
	spans, serr := o.split(src)
	if serr != nil || len(spans) != len(stmts) {
		t.Fatalf("Split disagrees with split: %v", serr)
	}
	starts, ends := map[int]bool{}, map[int]bool{}
	directive := false
	lx := NewLexer(src, o)
	k := 0 // the span a token may be in
	for tok := lx.Next(); tok.Kind != EOF; tok = lx.Next() {
		starts[tok.Start], ends[tok.End] = true, true
		switch tok.Kind {
		case Directive:
			directive = true
			continue
		case End:
			continue
		case Error:
			t.Fatalf("lexer error %v where Split had none", lx.Err())
		}
		for k < len(spans) && spans[k].end < tok.End {
			k++
		}
		if k == len(spans) || tok.Start < spans[k].start {
			t.Fatalf("token %q at %d is in no statement", lx.Text(tok), tok.Start)
		}
	}
	prev := 0
	for i, sp := range spans {
		st := stmts[i]
		if sp.start < prev || sp.end <= sp.start || !starts[sp.start] || !ends[sp.end] {
			t.Fatalf("statement %d: span %v out of order or not on token boundaries", i, sp)
		}
		prev = sp.end
		if st.SQL != src[sp.start:sp.end] || st.SQL != strings.Trim(st.SQL, " \t\r\n\f\v") {
			t.Fatalf("statement %d %q is not its trimmed source text", i, st.SQL)
		}
		if line := 1 + strings.Count(src[:sp.start], "\n"); st.Line != line {
			t.Fatalf("statement %d line %d, want %d", i, st.Line, line)
		}
	}
	if directive {
		return // a statement ended by a DELIMITER-set delimiter may hold ';'
	}
	parts := make([]string, 0, len(stmts))
	for _, st := range stmts {
		if o.DashCommentNeedsSpace && strings.HasSuffix(st.SQL, "--") {
			return // "--" then ';' is text, "--" at the end a comment: MySQL reads both so
		}
		alone, err := o.Split(st.SQL, 1)
		if err != nil || len(alone) != 1 || alone[0].SQL != st.SQL {
			t.Fatalf("statement %q split alone gives %+v, %v", st.SQL, alone, err)
		}
		parts = append(parts, st.SQL)
	}
	again, err := o.Split(strings.Join(parts, ";\n"), 1)
	if err != nil || len(again) != len(stmts) {
		t.Fatalf("re-split gave %d statements (%v), want %d", len(again), err, len(stmts))
	}
	for i := range again {
		if again[i].SQL != stmts[i].SQL {
			t.Fatalf("re-split statement %d = %q, want %q", i, again[i].SQL, stmts[i].SQL)
		}
	}
}
