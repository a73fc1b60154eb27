package dialect_test

import (
	"strings"
	"testing"

	"github.com/retort-dev/retort/dialect"
	_ "github.com/retort-dev/retort/dialect/all"
)

func TestCheckDesiredDDL(t *testing.T) {
	tests := []struct {
		dialect, sql, want string // want: a substring of the error, "" for none
	}{
		{"sqlite", "CREATE TABLE a (id SERIAL NOT NULL, PRIMARY KEY (id))", "SERIAL"},
		{"sqlite", "CREATE TABLE a (n INTEGER, id BIGSERIAL)", "BIGSERIAL"},
		{"sqlite", "ALTER TABLE a ADD COLUMN id smallserial", "SMALLSERIAL"},
		{"sqlite", "CREATE TABLE a (d TEXT DEFAULT '1'::text)", ":: cast"},
		{"sqlite", "CREATE TABLE a (id INTEGER AUTO_INCREMENT)", "AUTO_INCREMENT"},
		{"sqlite", "CREATE TABLE serial (serial INTEGER)", ""},             // a name, not a type
		{"sqlite", "CREATE TABLE a (note TEXT DEFAULT 'x::y SERIAL')", ""}, // inside a string
		{"sqlite", `CREATE TABLE "a::b" (id INTEGER) -- id SERIAL`, ""},
		{"sqlite", "CREATE TABLE a (t TEXT CHECK (t <> ':' || ':'))", ""},
		{"sqlite", "CREATE TABLE `a` (id INTEGER PRIMARY KEY AUTOINCREMENT)", ""},
		{"postgresql", "CREATE TABLE `user` (id INT)", "backtick"},
		{"postgresql", "CREATE TABLE a (id INTEGER PRIMARY KEY AUTOINCREMENT)", "SQLite's"},
		{"postgresql", "CREATE TABLE a (id SERIAL, d TEXT DEFAULT '1'::text, b TEXT DEFAULT $$`$$)", ""},
	}
	for _, tt := range tests {
		d, err := dialect.Lookup(tt.dialect)
		if err != nil {
			t.Fatal(err)
		}
		err = dialect.CheckDesiredDDL(d, []dialect.Script{{Name: "schema.sql", SQL: tt.sql, FirstLine: 1}})
		if (tt.want == "") != (err == nil) || err != nil && !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s %q: %v, want %q", tt.dialect, tt.sql, err, tt.want)
		}
	}
}

func TestCheckDesiredDDLNamesTheStatement(t *testing.T) {
	d, _ := dialect.Lookup("sqlite")
	scripts := []dialect.Script{{Name: "schema.sql", SQL: "CREATE TABLE ok (id INTEGER);\n\nCREATE TABLE b (\n  id SERIAL\n);\n", FirstLine: 1}}
	err := dialect.CheckDesiredDDL(d, scripts)
	want := `schema.sql:3: the desired schema is not SQLite DDL: SERIAL, PostgreSQL's auto-increment type (SQLite would store NULL ids) in "CREATE TABLE b ( id SERIAL )"; print it for sqlite (target_metadata_cmd may use %(dialect)s or $RETORT_DIALECT)`
	if err == nil || err.Error() != want {
		t.Fatalf("error = %v\nwant    %s", err, want)
	}
}
