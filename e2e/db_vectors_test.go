package e2e

import (
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// dbVector is an upgrade/downgrade/stamp case of graph/testdata/revision_vectors.json.
type dbVector struct {
	ID    string `json:"id"`
	Op    string `json:"op"`
	Graph []struct {
		Rev          string   `json:"rev"`
		Down         []string `json:"down"`
		BranchLabels []string `json:"branch_labels"`
		DependsOn    []string `json:"depends_on"`
	} `json:"graph"`
	Input struct {
		CurrentHeads []string        `json:"current_heads"`
		Target       json.RawMessage `json:"target"`
	} `json:"input"`
	Expect struct {
		HeadsAfter []string `json:"heads_after"`
		Error      *struct {
			MessageRegex string `json:"message_regex"`
		} `json:"error"`
	} `json:"expect"`
	ExpectWarnings []string       `json:"expect_warnings"`
	Verification   map[string]any `json:"verification"`
}

// targets returns the command's positional arguments (one identifier or a list).
func (v dbVector) targets(t *testing.T) []string {
	var one string
	if json.Unmarshal(v.Input.Target, &one) == nil {
		return []string{one}
	}
	var many []string
	if err := json.Unmarshal(v.Input.Target, &many); err != nil {
		t.Fatalf("%s: target %s: %v", v.ID, v.Input.Target, err)
	}
	return many
}

func dbLoadVectors(t *testing.T) []dbVector {
	t.Helper()
	data, err := os.ReadFile("../graph/testdata/revision_vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var file struct{ Cases []dbVector }
	if err := json.Unmarshal(data, &file); err != nil {
		t.Fatal(err)
	}
	var out []dbVector
	for _, c := range file.Cases {
		switch c.Op {
		case "upgrade", "downgrade", "stamp":
			// Only what the Alembic CLI itself was seen doing on SQLite.
			if c.Verification["cli_sqlite"] == "pass" {
				out = append(out, c)
			}
		}
	}
	return out
}

// TestDBVectors replays the upgrade, downgrade and stamp vectors through the binary on
// both dialects: the graph as a project of no-op revisions, the version table set to the
// case's rows, then the command; the rows after it (as a set) must be the expected
// ones, and an expected error must be the one FAILED line with the rows untouched.
func TestDBVectors(t *testing.T) {
	cases := dbLoadVectors(t)
	if len(cases) < 80 {
		t.Fatalf("only %d vectors loaded", len(cases))
	}
	dbEach(t, func(t *testing.T, d dbTarget) {
		dir := t.TempDir()
		dbWriteProject(t, dir, d, nil, "")
		dbRetort(t, dir, "ensure_version")
		for _, c := range cases {
			revs := make([]dbRev, len(c.Graph))
			for i, g := range c.Graph {
				revs[i] = dbRev{id: g.Rev, down: strings.Join(g.Down, ","),
					labels: strings.Join(g.BranchLabels, ","), deps: strings.Join(g.DependsOn, ",")}
			}
			dbWriteProject(t, dir, d, revs, "")
			dbExec(t, d, "DELETE FROM alembic_version")
			for _, h := range c.Input.CurrentHeads { // in order: "downgrade -1" takes the first row
				dbExec(t, d, "INSERT INTO alembic_version (version_num) VALUES ('"+h+"')")
			}
			if order := dbStoredOrder(t, d); !slices.Equal(order, c.Input.CurrentHeads) {
				// The database returns the rows in key order (MySQL's clustered primary key),
				// not as inserted, and so does Alembic on it: the case is then the one whose
				// rows are in that order, where the outcome depends on it ("downgrade -1").
				same, ok := dbVectorFor(cases, c, order)
				if !ok {
					t.Logf("%s: rows read back as %v; no case starts from that order", c.ID, order)
					continue
				}
				c.Expect = same.Expect
			}
			args := append([]string{c.Op}, c.targets(t)...)
			r := retort(t, dir, args...)
			got := dbRows(t, d)
			what := c.ID + ": retort " + strings.Join(args, " ")
			if c.Expect.Error != nil {
				re := regexp.MustCompile(c.Expect.Error.MessageRegex)
				lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
				last := lines[len(lines)-1]
				if r.code != 1 || !strings.HasPrefix(last, "FAILED: ") || !re.MatchString(strings.TrimPrefix(last, "FAILED: ")) {
					t.Errorf("%s: exit %d, stderr %q; want exit 1 and FAILED: matching %q", what, r.code, r.stderr, re)
				}
				if want := sorted(c.Input.CurrentHeads); !slices.Equal(got, want) {
					t.Errorf("%s: failed command changed the rows: %v, want %v", what, got, want)
				}
				continue
			}
			if r.code != 0 {
				t.Errorf("%s: exit %d\n%s", what, r.code, r.stderr)
				continue
			}
			if want := sorted(c.Expect.HeadsAfter); !slices.Equal(got, want) {
				t.Errorf("%s: rows %v, want %v\n%s", what, got, want, r.stderr)
			}
			for _, w := range c.ExpectWarnings {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("%s: no warning %q in stderr:\n%s", what, w, r.stderr)
				}
			}
		}
	})
}

// dbStoredOrder returns the version rows in the order the database returns them (as
// Alembic reads them: no ORDER BY).
func dbStoredOrder(t *testing.T, d dbTarget) []string {
	t.Helper()
	rows, err := d.db.Query("SELECT version_num FROM alembic_version")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := []string{}
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	return out
}

// dbVectorFor finds the case like c (same graph, command and target) whose rows start in
// the given order, or c itself when the order does not change its outcome (c's and the
// sorted order give the same set of rows in every case that exists).
func dbVectorFor(cases []dbVector, c dbVector, order []string) (dbVector, bool) {
	graph := func(v dbVector) string { b, _ := json.Marshal(v.Graph); return string(b) }
	var found []dbVector
	for _, o := range cases {
		if o.Op == c.Op && string(o.Input.Target) == string(c.Input.Target) && graph(o) == graph(c) &&
			slices.Equal(sorted(o.Input.CurrentHeads), sorted(c.Input.CurrentHeads)) {
			found = append(found, o)
		}
	}
	for _, o := range found {
		if slices.Equal(o.Input.CurrentHeads, order) {
			return o, true
		}
	}
	// No case starts from that order: only the order-blind outcome can be expected.
	if len(found) == 1 {
		return c, true
	}
	return dbVector{}, false
}

// sorted returns a sorted copy, never nil.
func sorted(s []string) []string {
	out := append([]string{}, s...)
	slices.Sort(out)
	return out
}
