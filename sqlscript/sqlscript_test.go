package sqlscript

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []Statement
	}{
		{"empty", "", []Statement{}},
		{"only comments and semicolons", "-- hi\n;;\n/* x */ ;\n", []Statement{}},
		{"two statements", "CREATE TABLE a (id int);\nCREATE TABLE b (id int);",
			[]Statement{{"CREATE TABLE a (id int)", 1}, {"CREATE TABLE b (id int)", 2}}},
		{"no final semicolon, trailing space", "\n\n  SELECT 1  \n\n",
			[]Statement{{"SELECT 1", 3}}},
		{"leading comment not part of statement", "-- make a\n/* block\n */\nSELECT 1;",
			[]Statement{{"SELECT 1", 4}}},
		{"comment inside kept", "SELECT 1 -- one; two\n, 2;",
			[]Statement{{"SELECT 1 -- one; two\n, 2", 1}}},
		{"single quotes with doubled quote", "INSERT INTO t VALUES ('a;''b');\nSELECT 2;",
			[]Statement{{"INSERT INTO t VALUES ('a;''b')", 1}, {"SELECT 2", 2}}},
		{"multi-line string counts lines", "SELECT 'a\n;\nb';\nSELECT 3;",
			[]Statement{{"SELECT 'a\n;\nb'", 1}, {"SELECT 3", 4}}},
		{"double-quoted identifier", `CREATE TABLE "we;ird""x" (id int); SELECT 1;`,
			[]Statement{{`CREATE TABLE "we;ird""x" (id int)`, 1}, {"SELECT 1", 1}}},
		{"E string with backslash quote", `SELECT E'it\'s; fine', e'\\'; SELECT 2;`,
			[]Statement{{`SELECT E'it\'s; fine', e'\\'`, 1}, {"SELECT 2", 1}}},
		{"backslash is literal in standard string", `SELECT 'a\'; SELECT 2;`,
			[]Statement{{`SELECT 'a\'`, 1}, {"SELECT 2", 1}}},
		{"identifier ending in e before quote is not E string", `SELECT name'x\'; SELECT 2;`,
			[]Statement{{`SELECT name'x\'`, 1}, {"SELECT 2", 1}}},
		{"dollar quoted function body", "CREATE FUNCTION f() RETURNS int AS $$\nBEGIN\n  RETURN 1;\nEND;\n$$ LANGUAGE plpgsql;\nSELECT f();",
			[]Statement{{"CREATE FUNCTION f() RETURNS int AS $$\nBEGIN\n  RETURN 1;\nEND;\n$$ LANGUAGE plpgsql", 1}, {"SELECT f()", 6}}},
		{"tagged dollar body containing $$", "DO $body$ BEGIN PERFORM $$x;$$; END $body$;\nSELECT 1;",
			[]Statement{{"DO $body$ BEGIN PERFORM $$x;$$; END $body$", 1}, {"SELECT 1", 2}}},
		{"positional parameter is not a dollar quote", "PREPARE p AS SELECT $1; SELECT 2;",
			[]Statement{{"PREPARE p AS SELECT $1", 1}, {"SELECT 2", 1}}},
		{"identifier containing dollar", "SELECT a$b$c FROM t; SELECT 2;",
			[]Statement{{"SELECT a$b$c FROM t", 1}, {"SELECT 2", 1}}},
		{"nested block comment", "/* a /* b; */ c; */ SELECT 1; /*x*/",
			[]Statement{{"SELECT 1", 1}}},
		{"sqlite trigger body", "CREATE TRIGGER trg AFTER INSERT ON a\nBEGIN\n  UPDATE b SET n = n + 1;\n  INSERT INTO c VALUES (CASE WHEN 1 THEN 2 ELSE 3 END);\nEND;\nSELECT 1;",
			[]Statement{{"CREATE TRIGGER trg AFTER INSERT ON a\nBEGIN\n  UPDATE b SET n = n + 1;\n  INSERT INTO c VALUES (CASE WHEN 1 THEN 2 ELSE 3 END);\nEND", 1}, {"SELECT 1", 6}}},
		{"temp trigger, lower case", "create temp trigger if not exists t before delete on a begin select raise(abort, 'no;'); end; select 1;",
			[]Statement{{"create temp trigger if not exists t before delete on a begin select raise(abort, 'no;'); end", 1}, {"select 1", 1}}},
		{"postgres BEGIN ATOMIC", "CREATE FUNCTION add(a int, b int) RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT a + b;\nEND;\nSELECT 1;",
			[]Statement{{"CREATE FUNCTION add(a int, b int) RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT a + b;\nEND", 1}, {"SELECT 1", 5}}},
		{"plain BEGIN and END are statements", "BEGIN;\nSELECT 1;\nEND;\nCOMMIT;",
			[]Statement{{"BEGIN", 1}, {"SELECT 1", 2}, {"END", 3}, {"COMMIT", 4}}},
		{"CASE outside a body", "SELECT CASE WHEN x THEN 1 END; SELECT 2;",
			[]Statement{{"SELECT CASE WHEN x THEN 1 END", 1}, {"SELECT 2", 1}}},
		{"postgres trigger has no body", "CREATE TRIGGER t BEFORE UPDATE ON a FOR EACH ROW EXECUTE FUNCTION f();\nSELECT 1;",
			[]Statement{{"CREATE TRIGGER t BEFORE UPDATE ON a FOR EACH ROW EXECUTE FUNCTION f()", 1}, {"SELECT 1", 2}}},
		{"backticks", "SELECT `a;b` FROM t; SELECT 2;",
			[]Statement{{"SELECT `a;b` FROM t", 1}, {"SELECT 2", 1}}},
		{"semicolons inside parentheses (rule actions)", "CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2));\nSELECT 1;",
			[]Statement{{"CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2))", 1}, {"SELECT 1", 2}}},
		{"stray closing parenthesis does not swallow the script", "SELECT 1);\nSELECT 2;",
			[]Statement{{"SELECT 1)", 1}, {"SELECT 2", 2}}},
		{"crlf line endings", "SELECT 1;\r\n\r\nSELECT 2;\r\n",
			[]Statement{{"SELECT 1", 1}, {"SELECT 2", 3}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Split(tt.src, 1)
			if err != nil {
				t.Fatalf("Split: %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Split(%q)\n got  %+v\n want %+v", tt.src, got, tt.want)
			}
		})
	}
}

func TestSplitFirstLine(t *testing.T) {
	got, err := Split("\nSELECT 1;\nSELECT 2;", 10)
	if err != nil {
		t.Fatal(err)
	}
	want := []Statement{{"SELECT 1", 11}, {"SELECT 2", 12}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestSplitErrors(t *testing.T) {
	tests := []struct {
		src  string
		want string
	}{
		{"SELECT 1;\nSELECT 'abc;\n\n", "line 12: unterminated quoted string"},
		{"SELECT \"abc", "line 11: unterminated quoted identifier"},
		{"SELECT 1;\n\nSELECT E'x\\'", "line 13: unterminated quoted string"},
		{"DO $x$\nBEGIN END $y$;", "line 11: unterminated $x$ string"},
		{"SELECT 1; /* a /* b */\n", "line 11: unterminated block comment"},
		{"\n\n`", "line 13: unterminated quoted identifier"},
	}
	for _, tt := range tests {
		_, err := Split(tt.src, 11)
		var se *SyntaxError
		if !errors.As(err, &se) || err.Error() != tt.want {
			t.Errorf("Split(%q) error = %v, want %q", tt.src, err, tt.want)
		}
	}
}

// FuzzSplit checks that Split never panics, that each statement is the exact source
// text at its reported line, and that joining the statements and splitting again gives
// the same statements.
func FuzzSplit(f *testing.F) {
	for _, s := range []string{
		"SELECT 1; SELECT 2",
		"CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 1; END; SELECT 2;",
		"CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;",
		"DO $$ BEGIN RAISE NOTICE 'x;'; END $$;",
		"SELECT E'a\\'b', 'c''d', \"e\"\"f\" -- x\n; /* /* */ */",
		"SELECT $1, a$b, $tag$ ; $tag$;",
		"'unterminated",
		"BEGIN; END;",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		spans, err := split(src)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) || se.Line < 1 || se.Line > strings.Count(src, "\n")+1 {
				t.Fatalf("bad error %v", err)
			}
			return
		}
		stmts, err := Split(src, 1)
		if err != nil || len(stmts) != len(spans) {
			t.Fatalf("Split disagrees with split: %v", err)
		}
		prev := 0
		parts := make([]string, len(stmts))
		for i, sp := range spans {
			if sp.start < prev || sp.end <= sp.start {
				t.Fatalf("span %d out of order: %v", i, sp)
			}
			prev = sp.end
			if stmts[i].SQL != src[sp.start:sp.end] || stmts[i].SQL != strings.Trim(stmts[i].SQL, " \t\r\n\f\v") {
				t.Fatalf("statement %d %q is not its trimmed source text", i, stmts[i].SQL)
			}
			if line := 1 + strings.Count(src[:sp.start], "\n"); stmts[i].Line != line {
				t.Fatalf("statement %d line %d, want %d", i, stmts[i].Line, line)
			}
			parts[i] = stmts[i].SQL
		}
		again, err := Split(strings.Join(parts, "\n;\n"), 1)
		if err != nil {
			t.Fatalf("re-split: %v", err)
		}
		if len(again) != len(stmts) {
			t.Fatalf("re-split gave %d statements, want %d", len(again), len(stmts))
		}
		for i := range again {
			if again[i].SQL != stmts[i].SQL {
				t.Fatalf("re-split statement %d = %q, want %q", i, again[i].SQL, stmts[i].SQL)
			}
		}
	})
}
