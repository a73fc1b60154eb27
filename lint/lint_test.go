package lint

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/retort-dev/retort/sqlscript"
)

type dname string

func (d dname) Name() string { return string(d) }

// history builds revisions from SQL texts; a text starting with "!" is a
// non-transactional revision. Only the last one is reported.
func history(t *testing.T, texts ...string) []Revision {
	t.Helper()
	var revs []Revision
	for i, text := range texts {
		tx := true
		if strings.HasPrefix(text, "!") {
			tx, text = false, text[1:]
		}
		stmts, err := sqlscript.Split(text, 1)
		if err != nil {
			t.Fatal(err)
		}
		revs = append(revs, Revision{ID: fmt.Sprintf("r%d", i+1), Path: fmt.Sprintf("r%d.sql", i+1),
			Transactional: tx, Statements: stmts, Report: i == len(texts)-1,
			Waivers: ParseWaivers([]byte(text), false)})
	}
	return revs
}

// found lists "rule@line" (with "~" for waived) for the findings.
func found(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		s := fmt.Sprintf("%s@%d", f.Rule, f.Line)
		if f.Waived {
			s = "~" + s
		}
		if f.Severity == Warning {
			s += "(w)"
		}
		out = append(out, s)
	}
	return out
}

const pgBase = `CREATE TABLE account (id SERIAL PRIMARY KEY, email VARCHAR(50), name TEXT, qty INTEGER, price NUMERIC(10,2));
CREATE TABLE orders (id SERIAL PRIMARY KEY, account_id INTEGER);`

func TestPostgresRules(t *testing.T) {
	cases := []struct {
		name string
		revs []string
		want []string
	}{
		// each rule firing
		{"index", []string{pgBase, "CREATE INDEX ix_email ON account (email);"}, []string{"index-without-concurrently@1"}},
		{"concurrently in tx", []string{pgBase, "CREATE INDEX CONCURRENTLY ix_email ON account (email);"}, []string{"concurrently-in-transaction@1"}},
		{"drop index concurrently in tx", []string{pgBase, "DROP INDEX CONCURRENTLY ix_email;"}, []string{"concurrently-in-transaction@1"}},
		{"fk", []string{pgBase, "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (account_id) REFERENCES account (id);"}, []string{"constraint-without-not-valid@1"}},
		{"check", []string{pgBase, "ALTER TABLE account ADD CHECK (qty > 0);"}, []string{"constraint-without-not-valid@1"}},
		{"validate in same tx", []string{pgBase, "ALTER TABLE account ADD CONSTRAINT q CHECK (qty > 0) NOT VALID;\nALTER TABLE account VALIDATE CONSTRAINT q;"}, []string{"constraint-without-not-valid@2"}},
		{"unique", []string{pgBase, "ALTER TABLE account ADD CONSTRAINT uq UNIQUE (email);"}, []string{"constraint-builds-index@1"}},
		{"set not null", []string{pgBase, "ALTER TABLE account ALTER COLUMN name SET NOT NULL;"}, []string{"set-not-null@1"}},
		{"set not null with unvalidated check", []string{pgBase, "ALTER TABLE account ADD CONSTRAINT nn CHECK (name IS NOT NULL) NOT VALID;", "ALTER TABLE account ALTER COLUMN name SET NOT NULL;"}, []string{"set-not-null@1"}},
		{"type rewrite", []string{pgBase, "ALTER TABLE account ALTER COLUMN qty TYPE BIGINT;"}, []string{"column-type-rewrite@1"}},
		{"type shrink", []string{pgBase, "ALTER TABLE account ALTER COLUMN email TYPE varchar(20);"}, []string{"column-type-rewrite@1"}},
		{"type using", []string{pgBase, "ALTER TABLE account ALTER COLUMN name TYPE text USING trim(name);"}, []string{"column-type-rewrite@1"}},
		{"type unknown", []string{"ALTER TABLE legacy ALTER COLUMN x TYPE text;"}, []string{"column-type-rewrite@1(w)"}},
		{"volatile default", []string{pgBase, "ALTER TABLE account ADD COLUMN token uuid DEFAULT gen_random_uuid();"}, []string{"volatile-default@1"}},
		{"serial column", []string{pgBase, "ALTER TABLE account ADD COLUMN seq BIGSERIAL;"}, []string{"volatile-default@1"}},
		{"identity column", []string{pgBase, "ALTER TABLE account ADD COLUMN n INTEGER GENERATED ALWAYS AS IDENTITY;"}, []string{"volatile-default@1"}},
		{"not null no default", []string{pgBase, "ALTER TABLE account ADD COLUMN flag BOOLEAN NOT NULL;"}, []string{"not-null-without-default@1"}},
		{"drop table", []string{pgBase, "DROP TABLE orders;"}, []string{"drop-table@1"}},
		{"drop column", []string{pgBase, "ALTER TABLE account DROP COLUMN name;"}, []string{"drop-column@1"}},
		{"truncate", []string{pgBase, "TRUNCATE account, orders;"}, []string{"truncate@1", "truncate@1"}},
		{"rename table", []string{pgBase, "ALTER TABLE orders RENAME TO purchase;"}, []string{"rename-table@1(w)"}},
		{"rename column", []string{pgBase, "ALTER TABLE account RENAME COLUMN name TO full_name;"}, []string{"rename-column@1(w)"}},
		{"ddl with data", []string{pgBase, "ALTER TABLE account ADD COLUMN note TEXT;\nUPDATE account SET note = name;"}, []string{"ddl-with-data-change@2(w)"}},
		{"multi-line statement", []string{pgBase, "-- a comment\n\nALTER TABLE account\n  ADD COLUMN a TEXT,\n  DROP COLUMN name;"}, []string{"drop-column@5"}},

		// near misses
		{"concurrent index outside tx", []string{pgBase, "!CREATE INDEX CONCURRENTLY ix_email ON account (email);"}, nil},
		{"not valid then validated next revision", []string{pgBase,
			"ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (account_id) REFERENCES account (id) NOT VALID;",
			"ALTER TABLE orders VALIDATE CONSTRAINT fk;"}, nil},
		{"not valid alone", []string{pgBase, "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (account_id) REFERENCES account (id) NOT VALID;"}, nil},
		{"index on table created in same revision", []string{pgBase, "CREATE TABLE tag (id INT PRIMARY KEY, name TEXT NOT NULL);\nCREATE INDEX ix_tag ON tag (name);\nALTER TABLE tag ADD CONSTRAINT uq UNIQUE (name);\nALTER TABLE tag ADD COLUMN n INT NOT NULL;"}, nil},
		{"set not null after validated check", []string{pgBase,
			"ALTER TABLE account ADD CONSTRAINT nn CHECK (name IS NOT NULL) NOT VALID;",
			"ALTER TABLE account VALIDATE CONSTRAINT nn;",
			"ALTER TABLE account ALTER COLUMN name SET NOT NULL;"}, nil},
		{"varchar widened", []string{pgBase, "ALTER TABLE account ALTER COLUMN email TYPE VARCHAR(100);"}, nil},
		{"varchar to text", []string{pgBase, "ALTER TABLE account ALTER COLUMN email TYPE text;"}, nil},
		{"numeric more precision", []string{pgBase, "ALTER TABLE account ALTER COLUMN price TYPE numeric(12,2);"}, nil},
		{"stable default", []string{pgBase, "ALTER TABLE account ADD COLUMN created timestamptz NOT NULL DEFAULT now();"}, nil},
		{"constant default", []string{pgBase, "ALTER TABLE account ADD COLUMN active boolean NOT NULL DEFAULT true;"}, nil},
		{"unique using index", []string{pgBase, "ALTER TABLE account ADD CONSTRAINT uq UNIQUE USING INDEX ix_email;"}, nil},
		{"drop table created here", []string{pgBase, "CREATE TABLE tmp (id int);\nDROP TABLE tmp;"}, nil},
		{"data change without ddl", []string{pgBase, "UPDATE account SET qty = 0 WHERE qty IS NULL;"}, nil},
		{"insert values with ddl", []string{pgBase, "ALTER TABLE account ADD COLUMN note TEXT;\nINSERT INTO account (id) VALUES (1);"}, nil},
		{"dollar quotes", []string{pgBase, "DO $$BEGIN DROP TABLE account; END$$;"}, nil},
		{"keywords in strings and comments", []string{pgBase, "COMMENT ON TABLE account IS 'DROP TABLE account; CREATE INDEX x ON account (id)';\n-- DROP TABLE orders;"}, nil},

		// waivers
		{"waived", []string{pgBase, "-- drop the old table\n-- lint: ignore drop-table nothing reads it since v2\n-- +upgrade\nDROP TABLE orders;"}, []string{"~drop-table@4"}},
		{"waiver without reason", []string{pgBase, "-- lint: ignore drop-table\nDROP TABLE orders;"}, []string{"lint-waiver@1", "drop-table@2"}},
		{"unknown waiver", []string{pgBase, "-- lint: ignore no-such-rule because\nSELECT 1;"}, []string{"lint-waiver@1(w)"}},
		{"unused waiver", []string{pgBase, "-- lint: ignore truncate because\nSELECT 1;"}, []string{"lint-waiver@1(w)"}},
	}
	rs, err := For(dname("postgresql"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := found(rs.Check(history(t, c.revs...), nil))
			if !slices.Equal(got, c.want) {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
}

const sqliteBase = `CREATE TABLE account (id INTEGER PRIMARY KEY, email VARCHAR(50), name TEXT);`

// sqliteRebuildSQL is the rebuild retort's SQLite renderer writes.
const sqliteRebuildSQL = `PRAGMA defer_foreign_keys = ON;
CREATE TABLE _retort_tmp_account (id INTEGER PRIMARY KEY, email VARCHAR(50) NOT NULL, name TEXT);
INSERT INTO _retort_tmp_account (id, email, name) SELECT id, email, name FROM account;
DROP TABLE account;
PRAGMA legacy_alter_table = ON;
ALTER TABLE _retort_tmp_account RENAME TO account;
PRAGMA legacy_alter_table = OFF;
CREATE INDEX ix_account_email ON account (email);`

func TestSQLiteRules(t *testing.T) {
	cases := []struct {
		name string
		revs []string
		want []string
	}{
		{"rebuild", []string{sqliteBase, sqliteRebuildSQL}, []string{"sqlite-table-rebuild@4(w)"}},
		{"drop column", []string{sqliteBase, "ALTER TABLE account DROP COLUMN name;"}, []string{"drop-column@1"}},
		{"drop table", []string{sqliteBase, "DROP TABLE account;"}, []string{"drop-table@1"}},
		{"rename", []string{sqliteBase, "ALTER TABLE account RENAME name TO full_name;"}, []string{"rename-column@1(w)"}},
		{"not null no default", []string{sqliteBase, "ALTER TABLE account ADD COLUMN n INTEGER NOT NULL;"}, []string{"not-null-without-default@1"}},
		// near misses: an index is cheap enough on SQLite; a rebuild of a table created
		// in the same revision copies nothing
		{"index", []string{sqliteBase, "CREATE INDEX ix ON account (email);"}, nil},
		{"rebuild of new table", []string{"CREATE TABLE account (id INTEGER PRIMARY KEY);\n" + sqliteRebuildSQL}, nil},
		{"add nullable column", []string{sqliteBase, "ALTER TABLE account ADD COLUMN note TEXT;"}, nil},
	}
	rs, err := For(dname("sqlite"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := found(rs.Check(history(t, c.revs...), nil))
			if !slices.Equal(got, c.want) {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
}

func TestParseWaivers(t *testing.T) {
	sql := "-- msg\n-- lint: ignore drop-table old data is archived\n-- revision: a\n\n-- lint: ignore truncate not header\n"
	got := ParseWaivers([]byte(sql), false)
	if len(got) != 1 || got[0] != (Waiver{Line: 2, Rule: "drop-table", Reason: "old data is archived"}) {
		t.Errorf("sql: %+v", got)
	}
	py := "\"\"\"msg\"\"\"\n# lint: ignore drop-column moved to archive\nrevision = 'a'\ndef upgrade():\n    # lint: ignore truncate no\n    pass\n"
	got = ParseWaivers([]byte(py), true)
	if len(got) != 1 || got[0] != (Waiver{Line: 2, Rule: "drop-column", Reason: "moved to archive"}) {
		t.Errorf("py: %+v", got)
	}
}

func TestUnknownDialect(t *testing.T) {
	if _, err := For(dname("oracle")); err == nil {
		t.Error("no error for a dialect without rules")
	}
}

func TestMySQLRules(t *testing.T) {
	base := "CREATE TABLE account (id INT PRIMARY KEY, email VARCHAR(50), name VARCHAR(50), qty INT);"
	cases := []struct {
		name string
		revs []string
		want []string
	}{
		{"type change", []string{base, "ALTER TABLE account MODIFY COLUMN qty BIGINT;"}, []string{"mysql-copy-alter@1"}},
		{"backticks and # comments", []string{base, "# widen\nALTER TABLE `account` MODIFY `qty` BIGINT; # DROP TABLE account;"}, []string{"mysql-copy-alter@2"}},
		{"change column type", []string{base, "ALTER TABLE account CHANGE qty qty VARCHAR(10);"}, []string{"mysql-copy-alter@1"}},
		{"charset", []string{base, "ALTER TABLE account CONVERT TO CHARACTER SET utf8mb4;"}, []string{"mysql-copy-alter@1"}},
		{"fk", []string{base, "ALTER TABLE account ADD CONSTRAINT fk FOREIGN KEY (qty) REFERENCES account (id);"}, []string{"mysql-copy-alter@1"}},
		{"explicit copy", []string{base, "ALTER TABLE account ADD COLUMN note TEXT, ALGORITHM=COPY;"}, []string{"mysql-copy-alter@1"}},
		{"rename via change", []string{base, "ALTER TABLE account CHANGE name full_name VARCHAR(50);"}, []string{"rename-column@1(w)"}},
		{"drop column", []string{base, "ALTER TABLE account DROP COLUMN qty;"}, []string{"drop-column@1"}},
		// near misses: online changes
		{"varchar widened", []string{base, "ALTER TABLE account MODIFY email VARCHAR(100);"}, nil},
		{"add column", []string{base, "ALTER TABLE account ADD COLUMN note TEXT;"}, nil},
		{"index", []string{base, "CREATE INDEX ix ON account (email);"}, nil},
		{"asks for inplace", []string{base, "ALTER TABLE account MODIFY COLUMN qty BIGINT, ALGORITHM=INPLACE;"}, nil},
		{"new table", []string{"CREATE TABLE t (id INT, qty INT);\nALTER TABLE t MODIFY qty BIGINT;"}, nil},
	}
	rs, err := For(dname("mysql"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := found(rs.Check(history(t, c.revs...), nil))
			if !slices.Equal(got, c.want) {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
}

func TestSized(t *testing.T) {
	rs, err := For(dname("sqlite"))
	if err != nil {
		t.Fatal(err)
	}
	fs := rs.Check(history(t, sqliteBase, sqliteRebuildSQL), nil)
	rows := map[string]int64{"account": 250000}
	fs = rs.Sized(fs, func(table string) (int64, bool) { n, ok := rows[table]; return n, ok })
	if len(fs) != 1 || fs[0].Severity != Error || !strings.HasSuffix(fs[0].Message, "(250000 rows now)") {
		t.Errorf("large: %+v", fs)
	}
	fs = rs.Sized(rs.Check(history(t, sqliteBase, sqliteRebuildSQL), nil), func(string) (int64, bool) { return 10, true })
	if len(fs) != 1 || fs[0].Severity != Warning {
		t.Errorf("small: %+v", fs)
	}
}
