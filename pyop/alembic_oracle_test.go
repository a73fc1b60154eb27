package pyop

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/retort-dev/retort/internal/oracle"
)

// knownDifferences are statements where retort deliberately differs from Alembic 1.8.1's
// offline output, per database: Alembic's statement (normalised) -> retort's ("" = none).
// SQLite has no comments: Alembic prints COMMENT ON statements that SQLite rejects.
//
// Not compared here (see the package documentation): changes SQLite cannot ALTER, which
// Alembic prints anyway (or refuses with NotImplementedError) and retort reports as
// errors, and batch blocks SQLite rebuilds, which Alembic cannot render offline without
// copy_from= and retort renders from the live table.
var knownDifferences = map[string]map[string]string{
	"sqlite": {
		"COMMENT ON TABLE item IS 'things'": "",
		"COMMENT ON TABLE item IS NULL":     "",
	},
}

// TestAgainstAlembic runs `alembic upgrade head --sql` and `alembic downgrade head:base
// --sql` over testdata/versions (offline, no database) and compares each step's
// statements with what Statements renders.
func TestAgainstAlembic(t *testing.T) {
	alembic := oracle.Alembic(t)
	revs := revisions(t)
	urls := map[string]string{"sqlite": "sqlite:///x.db", "postgresql": "postgresql://u@h/db", "mysql": "mysql+pymysql://u@h/db", "mariadb": "mariadb+pymysql://u@h/db"}
	// Alembic cannot rebuild SQLite tables offline (no reflection without copy_from=)
	oracleChains := map[string][]string{"sqlite": {"a1", "b2"}, "postgresql": chains["postgresql"], "mysql": {"a1", "e5"}, "mariadb": {"a1", "e5"}}
	for db, chain := range oracleChains {
		t.Run(db, func(t *testing.T) {
			dir := t.TempDir()
			run := func(args ...string) string {
				t.Helper()
				cmd := exec.Command(alembic, args...)
				cmd.Dir = dir
				var stderr strings.Builder
				cmd.Stderr = &stderr
				out, err := cmd.Output()
				if err != nil {
					t.Fatalf("alembic %q: %v\n%s", args, err, stderr.String())
				}
				return string(out)
			}
			run("init", "migrations")
			ini := filepath.Join(dir, "alembic.ini")
			src, err := os.ReadFile(ini)
			if err != nil {
				t.Fatal(err)
			}
			src = regexp.MustCompile(`(?m)^sqlalchemy\.url = .*$`).ReplaceAll(src, []byte("sqlalchemy.url = "+urls[db]))
			if err := os.WriteFile(ini, src, 0o644); err != nil {
				t.Fatal(err)
			}
			for _, id := range chain {
				data, err := os.ReadFile(revs[id].Path)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, "migrations", "versions", filepath.Base(revs[id].Path)), data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			d := mustDialect(t, db)
			for _, up := range []bool{true, false} {
				var out string
				if up {
					out = run("upgrade", chain[len(chain)-1], "--sql")
				} else {
					out = run("downgrade", chain[len(chain)-1]+":base", "--sql")
				}
				steps := alembicSteps(out)
				for _, id := range chain {
					want, ok := steps[id]
					if !ok {
						t.Fatalf("no step for %s in Alembic's output:\n%s", id, out)
					}
					var got []string
					for _, s := range body(t, d, revs[id], up, Options{}) {
						got = append(got, normalize(s.SQL))
					}
					t.Logf("%s %s up=%v: %d statements", db, id, up, len(want))
					compareStatements(t, db, id, up, want, got)
				}
			}
		})
	}
}

func compareStatements(t *testing.T, db, id string, up bool, want, got []string) {
	t.Helper()
	var expected []string
	want, got = sortTableOptions(want), sortTableOptions(got)
	for _, w := range want {
		if r, ok := knownDifferences[db][w]; ok {
			if r != "" {
				expected = append(expected, r)
			}
			continue
		}
		expected = append(expected, w)
	}
	if strings.Join(expected, "\n") != strings.Join(got, "\n") {
		t.Errorf("%s %s upgrade=%v:\nalembic:\n%s\nretort:\n%s", db, id, up, strings.Join(expected, "\n"), strings.Join(got, "\n"))
	}
}

// tableOption is one option SQLAlchemy's MySQL dialect puts after CREATE TABLE's closing
// parenthesis.
var tableOption = regexp.MustCompile(`\s*(COMMENT='(?:[^']|'')*'|COLLATE \S+|(?:DEFAULT )?CHARSET=\S+|ENGINE=\S+)`)

// sortTableOptions puts the table options of MySQL's CREATE TABLE statements in one order:
// SQLAlchemy 1.4 orders them by a set's iteration, which changes from run to run.
func sortTableOptions(stmts []string) []string {
	out := make([]string, len(stmts))
	for i, s := range stmts {
		end := strings.LastIndex(s, ")")
		if !strings.HasPrefix(s, "CREATE TABLE") || end < 0 {
			out[i] = s
			continue
		}
		opts := tableOption.FindAllString(s[end+1:], -1)
		if strings.Join(opts, "") != s[end+1:] {
			out[i] = s // not (only) MySQL's options
			continue
		}
		for j := range opts {
			opts[j] = strings.TrimSpace(opts[j])
		}
		sort.Strings(opts)
		out[i] = s[:end+1] + strings.Join(opts, " ")
	}
	return out
}

var runningLine = regexp.MustCompile(`^-- Running (?:upgrade|downgrade) (\S*) -> (\S*)$`)

// alembicSteps splits offline output into each revision's statements (normalised), leaving
// out transaction control and the version table's statements.
func alembicSteps(out string) map[string][]string {
	steps := map[string][]string{}
	var cur string
	for _, chunk := range strings.Split(out, ";\n\n") {
		chunk = strings.TrimSpace(chunk)
		for {
			line, rest, _ := strings.Cut(chunk, "\n")
			m := runningLine.FindStringSubmatch(line)
			if m == nil {
				break
			}
			cur = m[2] // upgrade: the target; downgrade: the revision undone
			if strings.Contains(line, "downgrade") {
				cur = m[1]
			}
			steps[cur] = []string{}
			chunk = strings.TrimSpace(rest)
		}
		s := normalize(chunk)
		if s == "" || s == "BEGIN" || s == "COMMIT" || strings.Contains(s, "alembic_version") {
			continue
		}
		steps[cur] = append(steps[cur], s)
	}
	return steps
}

// normalize collapses whitespace and drops it inside parentheses' edges, so statements
// compare independently of line breaks and indentation.
func normalize(s string) string {
	s = strings.Join(strings.Fields(strings.TrimSuffix(strings.TrimSpace(s), ";")), " ")
	return strings.NewReplacer("( ", "(", " )", ")").Replace(s)
}
