package sqlscript

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// TestSplitOptions: what each database's option set changes in statement splitting.
func TestSplitOptions(t *testing.T) {
	tests := []struct {
		name string
		opts Options
		src  string
		want []Statement
	}{
		// SQLite
		{"sqlite brackets", SQLite, "SELECT [a;b] FROM t; SELECT 2;",
			[]Statement{{"SELECT [a;b] FROM t", 1}, {"SELECT 2", 1}}},
		{"sqlite comments do not nest", SQLite, "/* a /* b */ SELECT 1; */",
			[]Statement{{"SELECT 1", 1}, {"*/", 1}}},
		{"sqlite has no dollar quotes", SQLite, "SELECT $a$; SELECT $b$;",
			[]Statement{{"SELECT $a$", 1}, {"SELECT $b$", 1}}},
		{"sqlite has no E strings", SQLite, `SELECT e'a\'; SELECT 2;`,
			[]Statement{{`SELECT e'a\'`, 1}, {"SELECT 2", 1}}},
		{"sqlite trigger", SQLite, "CREATE TEMP TRIGGER t AFTER INSERT ON a BEGIN SELECT 1; SELECT CASE 1 WHEN 1 THEN 2 END; END; SELECT 3;",
			[]Statement{{"CREATE TEMP TRIGGER t AFTER INSERT ON a BEGIN SELECT 1; SELECT CASE 1 WHEN 1 THEN 2 END; END", 1}, {"SELECT 3", 1}}},
		{"sqlite has no BEGIN ATOMIC", SQLite, "BEGIN ATOMIC; SELECT 1; END;",
			[]Statement{{"BEGIN ATOMIC", 1}, {"SELECT 1", 1}, {"END", 1}}},

		// PostgreSQL
		{"postgresql has no backticks", PostgreSQL, "SELECT `a;b`;",
			[]Statement{{"SELECT `a", 1}, {"b`", 1}}},
		{"postgresql triggers have no body", PostgreSQL, "CREATE TRIGGER t BEFORE UPDATE ON a FOR EACH ROW WHEN (OLD.begin IS NULL) EXECUTE FUNCTION f();\nSELECT 1;",
			[]Statement{{"CREATE TRIGGER t BEFORE UPDATE ON a FOR EACH ROW WHEN (OLD.begin IS NULL) EXECUTE FUNCTION f()", 1}, {"SELECT 1", 2}}},
		{"postgresql BEGIN ATOMIC and dollar quotes", PostgreSQL, "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END; DO $x$ BEGIN END $x$;",
			[]Statement{{"CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END", 1}, {"DO $x$ BEGIN END $x$", 1}}},

		// MySQL
		{"mysql backslash escapes", MySQL, `INSERT INTO t VALUES ('a\';b', "c\";d", 'e''f'); SELECT 2;`,
			[]Statement{{`INSERT INTO t VALUES ('a\';b', "c\";d", 'e''f')`, 1}, {"SELECT 2", 1}}},
		{"mysql hash comments", MySQL, "# a; comment\nSELECT 1 # x;\n, 2;",
			[]Statement{{"SELECT 1 # x;\n, 2", 2}}},
		{"mysql -- needs a space", MySQL, "SELECT 1--1;\nSELECT 2 -- c;\n;--\tx;\nSELECT 3;--",
			[]Statement{{"SELECT 1--1", 1}, {"SELECT 2", 2}, {"SELECT 3", 4}}},
		{"mysql backticks with doubled backtick", MySQL, "SELECT `a``;b` FROM t; SELECT 2;",
			[]Statement{{"SELECT `a``;b` FROM t", 1}, {"SELECT 2", 1}}},
		{"mysql versioned comments are statement text", MySQL, "/*!40101 SET NAMES utf8 */;\n/* plain */ SELECT /*+ BKA(t) */ 1;",
			[]Statement{{"/*!40101 SET NAMES utf8 */", 1}, {"SELECT /*+ BKA(t) */ 1", 2}}},
		{"mysql comments do not nest", MySQL, "/* /* */ SELECT 1;",
			[]Statement{{"SELECT 1", 1}}},
		{"mysql dollar signs are word characters", MySQL, "SELECT $a$; SELECT 2;",
			[]Statement{{"SELECT $a$", 1}, {"SELECT 2", 1}}},
		{"mysql DELIMITER", MySQL, "DELIMITER $$\nCREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\n  SELECT 2;\nEND$$\nDELIMITER ;\nSELECT 3;",
			[]Statement{{"CREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\n  SELECT 2;\nEND", 2}, {"SELECT 3", 8}}},
		{"mysql DELIMITER //, quoted, lower case, delimiter in strings", MySQL, "delimiter '//'\nSELECT '//' // SELECT 2;SELECT 3//\nDelimiter ; # back\nSELECT 4;",
			[]Statement{{"SELECT '//'", 2}, {"SELECT 2;SELECT 3", 2}, {"SELECT 4", 4}}},
		{"mysql DELIMITER only at a statement's start", MySQL, "SELECT delimiter FROM t; SELECT 1 delimiter;",
			[]Statement{{"SELECT delimiter FROM t", 1}, {"SELECT 1 delimiter", 1}}},
		{"mysql routine body without DELIMITER", MySQL, "CREATE DEFINER=`root`@`%` PROCEDURE p(x INT)\nBEGIN\n  IF x > 0 THEN SELECT 1; END IF;\n  lbl: LOOP LEAVE lbl; END LOOP lbl;\n  WHILE x > 0 DO SET x = x - 1; END WHILE;\n  REPEAT SET x = x + 1; UNTIL x > 3 END REPEAT;\n  CASE x WHEN 1 THEN SELECT 1; ELSE BEGIN SELECT CASE WHEN x THEN 1 END; END; END CASE;\nEND;\nSELECT 9;",
			[]Statement{{"CREATE DEFINER=`root`@`%` PROCEDURE p(x INT)\nBEGIN\n  IF x > 0 THEN SELECT 1; END IF;\n  lbl: LOOP LEAVE lbl; END LOOP lbl;\n  WHILE x > 0 DO SET x = x - 1; END WHILE;\n  REPEAT SET x = x + 1; UNTIL x > 3 END REPEAT;\n  CASE x WHEN 1 THEN SELECT 1; ELSE BEGIN SELECT CASE WHEN x THEN 1 END; END; END CASE;\nEND", 1}, {"SELECT 9", 9}}},
		{"mysql trigger with definer forms", MySQL, "CREATE OR REPLACE DEFINER = root@localhost TRIGGER t BEFORE INSERT ON a FOR EACH ROW BEGIN SET NEW.x = 1; END; CREATE DEFINER=CURRENT_USER() FUNCTION f() RETURNS INT BEGIN RETURN 1; END; SELECT 2;",
			[]Statement{{"CREATE OR REPLACE DEFINER = root@localhost TRIGGER t BEFORE INSERT ON a FOR EACH ROW BEGIN SET NEW.x = 1; END", 1}, {"CREATE DEFINER=CURRENT_USER() FUNCTION f() RETURNS INT BEGIN RETURN 1; END", 1}, {"SELECT 2", 1}}},
		{"mysql BEGIN elsewhere is a statement", MySQL, "CREATE TABLE event (begin INT); BEGIN; SELECT 1; COMMIT;",
			[]Statement{{"CREATE TABLE event (begin INT)", 1}, {"BEGIN", 1}, {"SELECT 1", 1}, {"COMMIT", 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.opts.Split(tt.src, 1)
			if err != nil {
				t.Fatalf("Split: %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Split(%q)\n got  %+v\n want %+v", tt.src, got, tt.want)
			}
		})
	}
}

func TestSplitOptionsErrors(t *testing.T) {
	tests := []struct {
		opts Options
		src  string
		want string
	}{
		{SQLite, "SELECT 1;\n[abc", "line 2: unterminated quoted identifier"},
		{SQLite, "/* a /* b */ */ /*", "line 1: unterminated block comment"},
		{MySQL, "SELECT 'a\\';", "line 1: unterminated quoted string"},
		{MySQL, "SELECT \"a\n", "line 1: unterminated quoted string"},
		{MySQL, "\nSELECT /*! x", "line 2: unterminated block comment"},
		{MySQL, "SELECT 1;\nDELIMITER\nSELECT 2;", "line 2: DELIMITER needs a delimiter without backslashes"},
		{MySQL, "DELIMITER \\\\", "line 1: DELIMITER needs a delimiter without backslashes"},
	}
	for _, tt := range tests {
		_, err := tt.opts.Split(tt.src, 1)
		var se *SyntaxError
		if !errors.As(err, &se) || err.Error() != tt.want {
			t.Errorf("Split(%q) error = %v, want %q", tt.src, err, tt.want)
		}
	}
}

// TestLexer: the token stream's kinds and texts under each option set.
func TestLexer(t *testing.T) {
	tests := []struct {
		opts Options
		src  string
		want string // kind:text, space separated
	}{
		{Generic, `SELECT "a""b", E'x\'y', $q$ ; $q$, $1 -- c` + "\n/* /* */ */ 12.5e3;",
			`Word:SELECT Quoted:"a""b" Op:, String:E'x\'y' Op:, String:$q$ ; $q$ Op:, Op:$ Number:1 Number:12 Op:. Number:5 Word:e3 End:;`},
		{SQLite, "CREATE TABLE [t] (`a` INT, $p, x'AB')",
			"Word:CREATE Word:TABLE Quoted:[t] Op:( Quoted:`a` Word:INT Op:, Word:$p Op:, Word:x String:'AB' Op:)"},
		{MySQL, "DELIMITER //\nSELECT \"s\\\"\" # c\n, /*!1 x */ 1--1//",
			`Directive:DELIMITER // Word:SELECT String:"s\"" Op:, Server:/*!1 x */ Number:1 Op:- Op:- Number:1 End://`},
	}
	names := map[Kind]string{Word: "Word", Number: "Number", Quoted: "Quoted", String: "String", Op: "Op", Server: "Server", End: "End", Directive: "Directive", Error: "Error"}
	for _, tt := range tests {
		lx := NewLexer(tt.src, tt.opts)
		var got []string
		for tok := lx.Next(); tok.Kind != EOF; tok = lx.Next() {
			got = append(got, names[tok.Kind]+":"+lx.Text(tok))
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("tokens of %q\n got  %s\n want %s", tt.src, g, tt.want)
		}
	}
}

func TestUnquote(t *testing.T) {
	for in, want := range map[string]string{`"a""b"`: `a"b`, "`a``b`": "a`b", "[a]]": "a]", `"x"`: "x"} {
		if got := Unquote(in); got != want {
			t.Errorf("Unquote(%s) = %q, want %q", in, got, want)
		}
	}
}
