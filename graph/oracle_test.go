package graph

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/retort-dev/retort/internal/oracle"
)

// TestAgainstAlembic compares random graphs and queries with Alembic 1.8.1's own classes
// (testdata/oracle.py): heads, labels, resolution, history, current, and the steps, rows
// and row operations of upgrade, downgrade and stamp, including error texts.

type oracleRev struct {
	ID     string   `json:"id"`
	Down   []string `json:"down"`
	Deps   []string `json:"deps"`
	Labels []string `json:"labels"`
}

type oracleQuery struct {
	Op   string   `json:"op"`
	Args []string `json:"args"`
	Rows []string `json:"rows"`
	// iterate only
	Upper []string `json:"upper,omitempty"`
	Lower []string `json:"lower,omitempty"`
	Flags []bool   `json:"flags,omitempty"` // inclusive, implicit base, for downgrade, overwalk
}

type oracleGraph struct {
	Revs    []oracleRev   `json:"revs"`
	Queries []oracleQuery `json:"queries"`
}

type oracleAnswer struct {
	OK    json.RawMessage `json:"ok"`
	Error string          `json:"error"`
	Kind  string          `json:"kind"`
	Crash bool            `json:"crash"`
}

func TestAgainstAlembic(t *testing.T) {
	py := oracle.AlembicPython(t)
	rng := rand.New(rand.NewPCG(1975, 8))
	graphs := make([]oracleGraph, 300)
	maps := make([]*Map, len(graphs))
	for i := range graphs {
		graphs[i], maps[i] = randomGraph(t, rng)
	}
	in, err := json.Marshal(map[string]any{"graphs": graphs})
	if err != nil {
		t.Fatal(err)
	}
	// Read here (not by python) so the test cache notices changes to the script.
	script, err := os.ReadFile(filepath.Join("testdata", "oracle.py"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(py, "-c", string(script))
	cmd.Stdin = bytes.NewReader(in)
	cmd.Env = append(cmd.Environ(), "PYTHONHASHSEED=0", "PYTHONWARNINGS=ignore")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("oracle.py: %v\n%s", err, stderr.String())
	}
	var answers [][]oracleAnswer
	if err := json.Unmarshal(out, &answers); err != nil {
		t.Fatal(err)
	}
	compared, crashes := 0, map[string]int{}
	for i, g := range graphs {
		for k, q := range g.Queries {
			a := answers[i][k]
			if a.Crash {
				crashes[q.Op+" "+a.Kind]++ // Alembic itself fails with a Python error: nothing to copy
				continue
			}
			compared++
			if msg := compareQuery(maps[i], q, a); msg != "" {
				t.Errorf("graph %d %s\nquery %+v: %s", i, describe(g.Revs), q, msg)
			}
		}
	}
	t.Logf("%d queries compared; skipped where Alembic crashes: %v", compared, crashes)
}

func describe(revs []oracleRev) string {
	var b strings.Builder
	for _, r := range revs {
		fmt.Fprintf(&b, " %s<%s", r.ID, strings.Join(r.Down, ","))
		if len(r.Deps) > 0 {
			fmt.Fprintf(&b, "|D%s", strings.Join(r.Deps, ","))
		}
		if len(r.Labels) > 0 {
			fmt.Fprintf(&b, "|L%s", strings.Join(r.Labels, ","))
		}
	}
	return b.String()
}

// compareQuery answers q with m and returns a description of any difference from a.
func compareQuery(m *Map, q oracleQuery, a oracleAnswer) string {
	var (
		got any
		err error
	)
	switch q.Op {
	case "load":
		labels, norm := map[string][]string{}, map[string][]string{}
		for _, id := range q.Args {
			n := m.Node(id)
			labels[id] = append([]string{}, n.Labels...)
			norm[id] = append([]string{}, n.NormalizedDown...)
		}
		got = map[string]any{"heads": m.Heads(), "real_heads": m.RealHeads(), "bases": m.Bases(), "labels": labels, "norm": norm}
	case "resolve":
		var r string
		if r, err = m.Resolve(q.Args[0]); r != "" {
			got = r
		}
	case "resolve_many":
		var want []*string
		if a.Error == "" {
			if e := json.Unmarshal(a.OK, &want); e != nil {
				return e.Error()
			}
			overwalk := slices.Contains(want, nil)
			a.OK, _ = json.Marshal(slices.DeleteFunc(want, func(s *string) bool { return s == nil || *s == "base" }))
			if overwalk {
				// Alembic returns None for a walk past the roots (show then crashes).
				if _, err := m.ResolveMany(q.Args[0]); err == nil {
					return "no error for a walk past the roots"
				}
				return ""
			}
		}
		var revs []string
		revs, err = m.ResolveMany(q.Args[0])
		got = append([]string{}, revs...)
	case "iterate":
		got, err = m.Iterate(q.Upper, q.Lower, IterateOptions{
			Inclusive: q.Flags[0], ImplicitBase: q.Flags[1], SelectForDowngrade: q.Flags[2], AllowOverwalk: q.Flags[3]})
		if err != nil && a.Error != "" && a.Kind != "CommandError" {
			// Graph-level errors: compare the text; the command layer is tested elsewhere.
			return map[bool]string{true: "", false: fmt.Sprintf("error %q, Alembic says %s: %q", err, a.Kind, a.Error)}[canonicalError(err.Error()) == canonicalError(a.Error)]
		}
	case "current":
		got = m.Current(q.Rows)
		slices.Sort(got.([]string))
	case "history":
		got, err = m.History(q.Args[0], nil)
	case "upgrade", "downgrade", "stamp":
		var steps []Step
		switch q.Op {
		case "upgrade":
			steps, err = m.Upgrade(q.Rows, q.Args[0])
		case "downgrade":
			steps, err = m.Downgrade(q.Rows, q.Args[0])
		default:
			steps, err = m.Stamp(q.Rows, q.Args)
		}
		if err == nil {
			got, err = runSteps(m, q.Rows, steps)
		}
	}
	if a.Error != "" {
		if err == nil {
			return fmt.Sprintf("got %v, Alembic fails: %s: %s", got, a.Kind, a.Error)
		}
		if canonicalError(err.Error()) != canonicalError(a.Error) {
			return fmt.Sprintf("error %q, Alembic says %s: %q", err, a.Kind, a.Error)
		}
		return ""
	}
	if err != nil {
		return fmt.Sprintf("error %v, Alembic gives %s", err, a.OK)
	}
	gotJSON, _ := json.Marshal(got)
	if !jsonEqual(gotJSON, a.OK) {
		return fmt.Sprintf("got %s\n  Alembic %s", gotJSON, a.OK)
	}
	return ""
}

var pyTuple = regexp.MustCompile(`\('([^()]*?)',?\)`)

// canonicalError sorts the revision list of an overlap error, which Alembic takes from a
// Python set, and writes Python tuples ("('a', 'b')") as retort lists them ("a, b").
func canonicalError(msg string) string {
	msg = pyTuple.ReplaceAllStringFunc(msg, func(t string) string {
		return strings.ReplaceAll(pyTuple.FindStringSubmatch(t)[1], "', '", ", ")
	})
	const tail = " overlaps with other requested revisions "
	head, list, ok := strings.Cut(msg, tail)
	if !ok {
		return msg
	}
	revs := strings.Split(list, ", ")
	slices.Sort(revs)
	return head + tail + strings.Join(revs, ", ")
}

// runSteps renders steps and their row changes like oracle.py's run_steps. Row operations
// are compared as a multiset: where Alembic picks from a Python set their order varies.
func runSteps(m *Map, current []string, steps []Step) (any, error) {
	type out struct {
		Steps []map[string]any `json:"steps"`
		Rows  []string         `json:"rows"`
		Ops   [][]string       `json:"ops"`
	}
	var o out
	rows := current
	for _, s := range steps {
		ops, after, err := m.Apply(rows, s)
		if err != nil {
			return nil, err
		}
		rows = after
		for _, op := range ops {
			switch op.Kind {
			case Insert:
				o.Ops = append(o.Ops, []string{"INSERT", op.To})
			case Delete:
				o.Ops = append(o.Ops, []string{"DELETE", op.From})
			default:
				o.Ops = append(o.Ops, []string{"UPDATE", op.From, op.To})
			}
		}
		if s.Stamp {
			o.Steps = append(o.Steps, map[string]any{"from": orEmpty(s.From), "to": orEmpty(s.To), "up": s.Up})
		} else {
			o.Steps = append(o.Steps, map[string]any{"rev": s.Revision, "up": s.Up})
		}
	}
	o.Rows = orEmpty(slices.Sorted(slices.Values(rows)))
	return o, nil
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// jsonEqual compares two JSON documents, treating null and [] alike and the "ops" lists as
// multisets.
func jsonEqual(a, b []byte) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	return fmt.Sprint(normJSON(x)) == fmt.Sprint(normJSON(y))
}

func normJSON(v any) any {
	switch v := v.(type) {
	case nil:
		return []any{}
	case map[string]any:
		for k, e := range v {
			v[k] = normJSON(e)
			if k == "ops" {
				ops := v[k].([]any)
				slices.SortFunc(ops, func(p, q any) int { return strings.Compare(fmt.Sprint(p), fmt.Sprint(q)) })
			}
		}
		return v
	case []any:
		for i, e := range v {
			v[i] = normJSON(e)
		}
		return v
	}
	return v
}

// randomGraph builds a small graph with branches, merges, several roots, dependencies and
// labels (ids share prefixes to exercise partial matching), loaded in shuffled order, and a
// set of queries over it.
func randomGraph(t *testing.T, rng *rand.Rand) (oracleGraph, *Map) {
	n := 3 + rng.IntN(10)
	if rng.IntN(5) == 0 {
		n += 15 // some larger graphs for the ordering of long interleaved branches
	}
	revs := make([]oracleRev, n)
	used := map[string]bool{}
	for k := range revs {
		var id string
		for id == "" || used[id] {
			id = randString(rng, "ab1c", 2+rng.IntN(4))
		}
		used[id] = true
		r := oracleRev{ID: id, Down: []string{}, Deps: []string{}, Labels: []string{}}
		if k > 0 && rng.IntN(6) > 0 {
			r.Down = append(r.Down, revs[rng.IntN(k)].ID)
			if k > 1 && rng.IntN(4) == 0 {
				if p := revs[rng.IntN(k)].ID; !slices.Contains(r.Down, p) {
					r.Down = append(r.Down, p)
				}
			}
		}
		if k > 0 && rng.IntN(6) == 0 {
			// One dependency at most: Alembic orders several from a Python set.
			if d := revs[rng.IntN(k)].ID; !slices.Contains(r.Down, d) {
				r.Deps = append(r.Deps, d)
			}
		}
		if rng.IntN(6) == 0 {
			r.Labels = append(r.Labels, fmt.Sprintf("lbl%d", k))
		}
		revs[k] = r
	}
	rng.Shuffle(n, func(i, j int) { revs[i], revs[j] = revs[j], revs[i] })
	in := make([]Revision, n)
	ids := make([]string, n)
	var labels []string
	for k, r := range revs {
		in[k] = Revision{ID: r.ID, Down: r.Down, DependsOn: r.Deps, BranchLabels: r.Labels}
		ids[k] = r.ID
		labels = append(labels, r.Labels...)
	}
	m, err := New(in)
	if err != nil {
		t.Fatalf("random graph %s: %v", describe(revs), err)
	}
	pick := func(list []string) string { return list[rng.IntN(len(list))] }
	label := func() string {
		if len(labels) == 0 || rng.IntN(4) == 0 {
			return pick(ids) // a revision id standing in for a branch
		}
		return pick(labels)
	}
	rows := func() []string {
		var s []string
		for range rng.IntN(3) {
			s = append(s, pick(ids))
		}
		return m.Current(s)
	}
	idents := func() []string {
		id, id2 := pick(ids), pick(ids)
		return []string{id, id[:1], id[:min(3, len(id))], id[:min(4, len(id))], "head", "heads", "base",
			label(), label() + "@head", label() + "@heads", label() + "@base", label() + "@" + id,
			id2 + "@" + id, "-1", "-2", label() + "@-1", "+1", "zzzz", "nobranch@" + id}
	}
	g := oracleGraph{Revs: revs}
	g.Queries = append(g.Queries, oracleQuery{Op: "load", Args: ids})
	for _, id := range idents() {
		g.Queries = append(g.Queries, oracleQuery{Op: "resolve", Args: []string{id}},
			oracleQuery{Op: "resolve_many", Args: []string{id}})
	}
	for range 3 {
		g.Queries = append(g.Queries, oracleQuery{Op: "current", Rows: rows()})
	}
	id, id2 := pick(ids), pick(ids)
	for _, r := range []string{"", "base:heads", id + ":", ":" + id, id + ":" + id2, "-1:", "-2:" + id,
		id + ":+1", label() + "@base:", ":" + label() + "@head", "x", "a:b:c"} {
		g.Queries = append(g.Queries, oracleQuery{Op: "history", Args: []string{r}})
	}
	ends := func() []string {
		switch rng.IntN(4) {
		case 0:
			return nil
		case 1:
			return []string{pick(ids), pick(ids)}
		}
		return []string{pick(append(idents(), "-1", "+1", pick(ids)+"+1", pick(ids)+"-1", label()+"@+1"))}
	}
	for range 10 {
		g.Queries = append(g.Queries, oracleQuery{Op: "iterate", Upper: ends(), Lower: ends(),
			Flags: []bool{rng.IntN(2) == 0, rng.IntN(2) == 0, rng.IntN(2) == 0, rng.IntN(2) == 0}})
	}
	for range 8 {
		id := pick(ids)
		up := pick([]string{"heads", "head", id, "+1", "+2", id + "+1", id + "-1", "-1",
			label() + "@head", label() + "@+1", label() + "@heads", "base", id[:1]})
		down := pick([]string{"base", id, "-1", "-2", "+1", id + "-1", id + "+1", "base+1",
			label() + "@base", label() + "@-1", label() + "@" + id, label() + "@base+1", "heads"})
		stamps := [][]string{{id}, {id, pick(ids)}, {"heads"}, {"base"}, {label() + "@head"}, {label() + "@base"}}
		stamp := stamps[rng.IntN(len(stamps))]
		g.Queries = append(g.Queries,
			oracleQuery{Op: "upgrade", Args: []string{up}, Rows: rows()},
			oracleQuery{Op: "downgrade", Args: []string{down}, Rows: rows()},
			oracleQuery{Op: "stamp", Args: stamp, Rows: rows()})
	}
	for k := range g.Queries {
		g.Queries[k].Rows = orEmpty(g.Queries[k].Rows)
	}
	return g, m
}

func randString(rng *rand.Rand, alphabet string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[rng.IntN(len(alphabet))]
	}
	return string(b)
}
