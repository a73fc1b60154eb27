package command

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/internal/oracle"
	"github.com/retort-dev/retort/internal/testdb"
	"github.com/retort-dev/retort/verify"
)

// verifyProject copies testdata/verify/good into a temporary directory, lays the files of
// the defect variant (if any) over it, and makes it the working directory.
func verifyProject(t *testing.T, variant string) string {
	t.Helper()
	src := filepath.Join("..", "testdata", "verify")
	dir := t.TempDir()
	copyTree(t, filepath.Join(src, "good"), dir)
	if variant != "good" {
		copyTree(t, filepath.Join(src, variant), dir)
	}
	t.Chdir(dir)
	return dir
}

// verifyURLs make the database URL to verify with, per database: a file in dir for
// SQLite (verify must not create it), a database of its own on the test server for the
// others (the scratch databases are created beside it).
var verifyURLs = map[string]func(t testing.TB, dir string) string{
	"sqlite": func(_ testing.TB, dir string) string { return "sqlite:///" + filepath.Join(dir, "app.db") },
}

func verifyURLFor(t testing.TB, dialectName, dir string) string {
	if f, ok := verifyURLs[dialectName]; ok {
		return f(t, dir)
	}
	return testdb.Open(t, dialectName)
}

func verifyURL(t *testing.T, dialectName string) string { return verifyURLFor(t, dialectName, ".") }

func runVerify(t *testing.T, o VerifyOptions) ([]string, error) {
	t.Helper()
	var stdout bytes.Buffer
	o.JSON = true
	err := Verify(context.Background(), o, &stdout, &bytes.Buffer{})
	var vf *VerifyFailedError
	if err != nil && !errors.As(err, &vf) {
		return nil, err
	}
	var rep verify.Report
	if jerr := json.Unmarshal(stdout.Bytes(), &rep); jerr != nil {
		t.Fatalf("%v: %s", jerr, stdout.String())
	}
	var lines []string
	for _, p := range rep.Problems {
		p.Path = displayPath(p.Path)
		lines = append(lines, p.String())
	}
	if (err == nil) != (len(lines) == 0) {
		t.Errorf("err %v with problems %v", err, lines)
	}
	return lines, nil
}

// scratchName is the name of a scratch database where a message names it.
var scratchName = regexp.MustCompile(`retort_scratch_[0-9a-f]+`)

// TestVerifyPlantedDefects: verify passes the correct history and names exactly the
// defect planted in each variant, on every registered dialect.
func TestVerifyPlantedDefects(t *testing.T) {
	type want map[string][]string // by dialect
	// MySQL and MariaDB (one server, two dialects) say the same; DDL commits there, so a
	// failure also says what the server had committed
	mysqlWrongColumn := []string{
		"broken-downgrade v4 (versions/v4_nickname.sql): add column account.status varchar(20)",
		"broken-downgrade v4 (versions/v4_nickname.sql): drop column account.nickname",
	}
	mysqlReupgrade := `reupgrade-fails v4 (versions/v4_nickname.sql): line 8: statement "INSERT INTO account (id, email) VALUES (1, 'admin@example.com')" failed: Error 1062 (23000): Duplicate entry '1' for key 'PRIMARY'; ` +
		`the server had already committed statement 1 of revision v4 (DDL commits implicitly): 1 "ALTER TABLE account ADD COLUMN nickname VARCHAR(40)"; alembic_version still names v3`
	mysqlDowngradeFails := "downgrade-fails v3 (versions/v3_account_name_index.py): line 20: statement \"DROP INDEX ix_account_nam ON account\" failed: Error 1091 (42000): Can't DROP INDEX `ix_account_nam`; check that it exists; " +
		"the server had committed none of revision v3; alembic_version still names v3"
	mysqlFailsFresh := `upgrade-fails v5 (versions/v5_tags.sql): line 9: statement "INSERT INTO settings (k, v) VALUES ('tags', 'on')" failed: Error 1146 (42S02): Table 'SCRATCH.settings' doesn't exist; ` +
		`the server had already committed statement 1 of revision v5 (DDL commits implicitly): 1 "CREATE TABLE tag (id INTEGER PRIMARY KEY, name VARCHAR(30) NOT NULL UNIQUE)"; alembic_version still names v4 (the replay stops here: 4 later revision(s) not verified)`
	cases := []struct {
		variant string
		want    want
	}{
		{"good", want{}},
		{"forgotten-index", want{
			"sqlite":     {"broken-downgrade v3 (versions/v3_account_name_index.py): drop index ix_account_name on account"},
			"mysql":      {"broken-downgrade v3 (versions/v3_account_name_index.py): drop index ix_account_name on account"},
			"mariadb":    {"broken-downgrade v3 (versions/v3_account_name_index.py): drop index ix_account_name on account"},
			"postgresql": {"broken-downgrade v3 (versions/v3_account_name_index.py): drop index ix_account_name on account"},
		}},
		{"wrong-column", want{
			"sqlite": {
				"broken-downgrade v4 (versions/v4_nickname.sql): add column account.status VARCHAR(20)",
				"broken-downgrade v4 (versions/v4_nickname.sql): drop column account.nickname",
			},
			"mysql":   mysqlWrongColumn,
			"mariadb": mysqlWrongColumn,
			"postgresql": {
				"broken-downgrade v4 (versions/v4_nickname.sql): add column account.status character varying(20)",
				"broken-downgrade v4 (versions/v4_nickname.sql): drop column account.nickname",
			},
		}},
		{"reupgrade-fails", want{
			"sqlite":     {`reupgrade-fails v4 (versions/v4_nickname.sql): line 8: statement "INSERT INTO account (id, email) VALUES (1, 'admin@example.com')" failed: UNIQUE constraint failed: account.id`},
			"mysql":      {mysqlReupgrade},
			"mariadb":    {mysqlReupgrade},
			"postgresql": {`reupgrade-fails v4 (versions/v4_nickname.sql): line 8: statement "INSERT INTO account (id, email) VALUES (1, 'admin@example.com')" failed: ERROR: duplicate key value violates unique constraint "account_pkey" (SQLSTATE 23505)`},
		}},
		{"downgrade-fails", want{
			"sqlite":     {`downgrade-fails v3 (versions/v3_account_name_index.py): line 20: statement "DROP INDEX ix_account_nam" failed: no such index: ix_account_nam`},
			"mysql":      {mysqlDowngradeFails},
			"mariadb":    {mysqlDowngradeFails},
			"postgresql": {`downgrade-fails v3 (versions/v3_account_name_index.py): line 20: statement "DROP INDEX ix_account_nam" failed: ERROR: index "ix_account_nam" does not exist (SQLSTATE 42704)`},
		}},
		{"fails-fresh", want{
			"sqlite":     {`upgrade-fails v5 (versions/v5_tags.sql): line 9: statement "INSERT INTO settings (k, v) VALUES ('tags', 'on')" failed: no such table: settings (the replay stops here: 4 later revision(s) not verified)`},
			"mysql":      {mysqlFailsFresh},
			"mariadb":    {mysqlFailsFresh},
			"postgresql": {`upgrade-fails v5 (versions/v5_tags.sql): line 9: statement "INSERT INTO settings (k, v) VALUES ('tags', 'on')" failed: ERROR: relation "settings" does not exist (SQLSTATE 42P01) (the replay stops here: 4 later revision(s) not verified)`},
		}},
	}
	for _, dn := range dialect.Names() {
		for _, c := range cases {
			t.Run(dn+"/"+c.variant, func(t *testing.T) {
				if _, ok := c.want[dn]; !ok && c.variant != "good" {
					t.Fatalf("no expected problems for %s: add them to the case", dn)
				}
				verifyProject(t, c.variant)
				got, err := runVerify(t, VerifyOptions{Global: Global{XArgs: []string{"url=" + verifyURL(t, dn)}}})
				if err != nil {
					t.Fatal(err)
				}
				for i, l := range got {
					got[i] = scratchName.ReplaceAllString(l, "SCRATCH") // random
				}
				if !slices.Equal(got, c.want[dn]) {
					t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.want[dn], "\n"))
				}
				if _, err := os.Stat("app.db"); err == nil {
					t.Error("verify created the live SQLite database")
				}
			})
		}
	}
}

// TestVerifyDrift: the live database, upgraded by the history and then changed by hand
// (an extra column, a dropped index, a changed default), is reported object by object on
// every registered dialect; the same database before the changes has no drift, and
// neither has one at an earlier revision.
func TestVerifyDrift(t *testing.T) {
	mysqlDrift := []string{
		"ALTER TABLE account ADD COLUMN extra TEXT",
		"DROP INDEX ix_account_name ON account",
		"ALTER TABLE account ALTER COLUMN status SET DEFAULT 'new'",
	}
	mysqlDriftLines := []string{
		"drift: index ix_account_name on account is in the history but missing from the database",
		"drift: column account.extra is in the database but not in the history",
		"drift: column account.status differs (history -> database): default 'active' -> 'new'",
	}
	drift := map[string][]string{
		"sqlite": {
			"ALTER TABLE account ADD COLUMN extra TEXT",
			"DROP INDEX ix_orders_account",
			// SQLite cannot change a default in place: rebuild the table as a user would
			"PRAGMA foreign_keys = OFF",
			"CREATE TABLE account2 (id INTEGER PRIMARY KEY, email VARCHAR(100) NOT NULL, name VARCHAR(50), status VARCHAR(20) DEFAULT 'new', nickname VARCHAR(40), extra TEXT)",
			"INSERT INTO account2 SELECT * FROM account",
			"DROP TABLE account",
			"ALTER TABLE account2 RENAME TO account",
			"CREATE INDEX ix_account_name ON account (name)",
		},
		"postgresql": {
			"ALTER TABLE account ADD COLUMN extra TEXT",
			"DROP INDEX ix_orders_account",
			"ALTER TABLE account ALTER COLUMN status SET DEFAULT 'new'",
		},
		// MySQL uses ix_orders_account for the foreign key and will not drop it
		"mysql":   mysqlDrift,
		"mariadb": mysqlDrift,
	}
	want := map[string][]string{
		"sqlite": {
			"drift: column account.extra is in the database but not in the history",
			"drift: column account.status differs (history -> database): default 'active' -> 'new'",
			"drift: index ix_orders_account on orders is in the history but missing from the database",
		},
		"postgresql": {
			"drift: column account.extra is in the database but not in the history",
			"drift: column account.status differs (history -> database): default 'active'::character varying -> 'new'::character varying",
			"drift: index ix_orders_account on orders is in the history but missing from the database",
		},
		"mysql":   mysqlDriftLines,
		"mariadb": mysqlDriftLines,
	}
	for _, dn := range dialect.Names() {
		t.Run(dn, func(t *testing.T) {
			if drift[dn] == nil || want[dn] == nil {
				t.Fatalf("no drift statements or expected lines for %s: add them", dn)
			}
			verifyProject(t, "good")
			url := verifyURL(t, dn)
			g := Global{XArgs: []string{"url=" + url}}
			ctx := context.Background()
			if err := Upgrade(ctx, UpgradeOptions{Global: g, Revision: "v4"}, &bytes.Buffer{}, &bytes.Buffer{}); err != nil {
				t.Fatal(err)
			}
			if got, err := runVerify(t, VerifyOptions{Global: g, Drift: true, NoDowngrade: true}); err != nil || len(got) > 0 {
				t.Fatalf("at v4: %v %v", got, err)
			}
			if err := Upgrade(ctx, UpgradeOptions{Global: g, Revision: "heads"}, &bytes.Buffer{}, &bytes.Buffer{}); err != nil {
				t.Fatal(err)
			}
			if got, err := runVerify(t, VerifyOptions{Global: g, Drift: true}); err != nil || len(got) > 0 {
				t.Fatalf("at heads, untouched: %v %v", got, err)
			}
			execAll(t, url, drift[dn])
			got, err := runVerify(t, VerifyOptions{Global: g, Drift: true})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, want[dn]) {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want[dn], "\n"))
			}
		})
	}
}

// TestVerifyRange: -r START:END verifies only the revisions after START (a broken
// downgrade before it is not reported), --no-downgrade only replays, and a START that
// END does not follow is refused.
func TestVerifyRange(t *testing.T) {
	verifyProject(t, "forgotten-index")
	g := Global{XArgs: []string{"url=sqlite:///app.db"}}
	got, err := runVerify(t, VerifyOptions{Global: g, Range: "v3:v6"})
	if err != nil || len(got) > 0 {
		t.Errorf("after v3: %v %v", got, err)
	}
	got, err = runVerify(t, VerifyOptions{Global: g, Range: "v2:v4"})
	if err != nil || len(got) != 1 {
		t.Errorf("after v2: %v %v", got, err)
	}
	got, err = runVerify(t, VerifyOptions{Global: g, NoDowngrade: true})
	if err != nil || len(got) > 0 {
		t.Errorf("--no-downgrade: %v %v", got, err)
	}
	// a range whose start the end does not follow (later, or on another branch)
	for _, rng := range []string{"v5:v2", "v7a:v7b"} {
		start, end, _ := strings.Cut(rng, ":")
		want := "verify -r " + rng + ": " + start + " is not before " + end + " in the history"
		if _, err := runVerify(t, VerifyOptions{Global: g, Range: rng}); err == nil || err.Error() != want {
			t.Errorf("-r %s: %v, want %q", rng, err, want)
		}
	}
}

func execAll(t *testing.T, url string, stmts []string) {
	t.Helper()
	db, _, err := dialect.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, s := range stmts {
		if _, err := conn.ExecContext(context.Background(), s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// TestVerifyPython: revisions that need the project's Python (get_bind, data
// migrations, project imports, the migration context...) replay through it like the
// others, and a broken downgrade in one of them is found.
func TestVerifyPython(t *testing.T) {
	python := oracle.AlembicPython(t)
	dir := t.TempDir()
	copyTree(t, filepath.Join("..", "e2e", "testdata", "pyforms"), dir)
	writeTestFile(t, filepath.Join(dir, "alembic.ini"), "[alembic]\nscript_location = %(here)s\nprepend_sys_path = .\npython = "+python+"\nsqlalchemy.url = sqlite:///%(here)s/app.db\n")
	f08 := filepath.Join(dir, "versions", "f08_context.py")
	data, err := os.ReadFile(f08)
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(string(data), `op.drop_index("ix_orders_total", table_name="orders")`, "pass", 1)
	if broken == string(data) {
		t.Fatal("f08 changed: fix the test")
	}
	writeTestFile(t, f08, broken)
	t.Chdir(dir)
	got, err := runVerify(t, VerifyOptions{Global: Global{Config: filepath.Join(dir, "alembic.ini")}})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"broken-downgrade f08 (versions/f08_context.py): drop index ix_orders_total on orders"}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n%s", strings.Join(got, "\n"))
	}
}

// TestVerifyTrackedEqualsWhole: on PostgreSQL verify reflects only what changed, and
// finds exactly what reflecting whole finds, for the correct history and every defect;
// a defect is reported from whole reflections (the tracked run stops at it and the
// verification runs again reflecting whole).
func TestVerifyTrackedEqualsWhole(t *testing.T) {
	for _, variant := range []string{"good", "forgotten-index", "wrong-column", "reupgrade-fails", "downgrade-fails", "fails-fresh"} {
		t.Run(variant, func(t *testing.T) {
			verifyProject(t, variant)
			ctx := context.Background()
			p, err := Load(Global{XArgs: []string{"url=" + verifyURL(t, "postgresql")}})
			if err != nil {
				t.Fatal(err)
			}
			cfg, err := p.VerifyConfig(ctx, VerifyOptions{})
			if err != nil {
				t.Fatal(err)
			}
			tracked, err := verify.Run(ctx, cfg)
			if err != nil {
				t.Fatal(err)
			}
			cfg.WholeReflections = true
			whole, err := verify.Run(ctx, cfg)
			if err != nil {
				t.Fatal(err)
			}
			if tracked.Tracked != (variant == "good") || whole.Tracked {
				t.Errorf("tracked: %v, whole: %v", tracked.Tracked, whole.Tracked)
			}
			if !reflect.DeepEqual(tracked.Problems, whole.Problems) || tracked.Replayed != whole.Replayed || tracked.Downgrades != whole.Downgrades {
				t.Errorf("tracked %+v\nwhole %+v", tracked, whole)
			}
		})
	}
}
