package graph

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// parseGraph reads "id<down1,down2|Ddep|Llabel" entries separated by spaces.
func parseGraph(t *testing.T, spec string) []Revision {
	t.Helper()
	var revs []Revision
	for _, f := range strings.Fields(spec) {
		parts := strings.Split(f, "|")
		id, down, _ := strings.Cut(parts[0], "<")
		r := Revision{ID: id}
		if down != "" {
			r.Down = strings.Split(down, ",")
		}
		for _, p := range parts[1:] {
			switch p[0] {
			case 'D':
				r.DependsOn = strings.Split(p[1:], ",")
			case 'L':
				r.BranchLabels = strings.Split(p[1:], ",")
			}
		}
		revs = append(revs, r)
	}
	return revs
}

func newMap(t *testing.T, spec string) *Map {
	t.Helper()
	m, err := New(parseGraph(t, spec))
	if err != nil {
		t.Fatalf("New(%s): %v", spec, err)
	}
	return m
}

// project is the scratch project of the reference (a.4): a branch and merge, a labelled
// second root depending on the trunk, and an effective head.
const project = "aaaa1111< bbbb2222<aaaa1111 cc111111<bbbb2222 cc222222<bbbb2222 " +
	"eeee5555<cc111111,cc222222 11b00001<|Llib 11b00002<11b00001|Dbbbb2222 4e000000< " +
	"2ed00000<eeee5555|D4e000000"

func TestNewErrors(t *testing.T) {
	cases := []struct {
		graph string
		want  string
		check func(error) bool
	}{
		{"a< b<x", "Revision x referenced from b is not present",
			func(err error) bool {
				var e *MissingRevisionError
				return errors.As(err, &e) && e.Revision == "x" && e.From == "b"
			}},
		{"a< b<a|Dnope", "Revision nope referenced from b is not present",
			func(err error) bool { var e *MissingRevisionError; return errors.As(err, &e) && e.From == "b" }},
		{"a< b<a a<b", "Revision a is present more than once",
			func(err error) bool { var e *DuplicateRevisionError; return errors.As(err, &e) && e.Revision == "a" }},
		{"a< b<a|La", "Branch name 'a' in revision b already used by revision a", isRevisionError},
		{"a|Lx,x", "Branch name 'x' in revision a already used by revision a", isRevisionError},
		{"a< b-1<a", "Character(s) '-' not allowed in revision identifier 'b-1'", isRevisionError},
		{"a< b+c@d<a", "Character(s) '+, @' not allowed in revision identifier 'b+c@d'", isRevisionError},
		// A down_revision names revisions, not labels.
		{"a|Lmain b<main", "Revision main referenced from b is not present", nil},
		// A cycle between a head and a base that Alembic's reachability test misses.
		{"b< x<b,y y<x h<y", "Cycle is detected in revisions (h, x, y)",
			func(err error) bool { var e *CycleDetected; return errors.As(err, &e) && e.Kind() == "CycleDetected" }},
		{"b< x<b|Dy y<x h<y", "Dependency cycle is detected in revisions (h, x, y)",
			func(err error) bool {
				var e *CycleDetected
				return errors.As(err, &e) && e.Kind() == "DependencyCycleDetected"
			}},
		{"aaaa1< aaaa2< b<aaaa1|Daaaa", "depends_on of b: Multiple revisions start with 'aaaa': 'aaaa1', 'aaaa2'...", nil},
	}
	for _, c := range cases {
		t.Run(c.graph, func(t *testing.T) {
			_, err := New(parseGraph(t, c.graph))
			if err == nil || err.Error() != c.want {
				t.Fatalf("New: %v, want %q", err, c.want)
			}
			if c.check != nil && !c.check(err) {
				t.Errorf("error %T does not carry the expected type and fields", err)
			}
		})
	}
}

func isRevisionError(err error) bool { var e *RevisionError; return errors.As(err, &e) }

func TestDependenciesResolve(t *testing.T) {
	m := newMap(t, "a1|Lcore a2<a1 b1< b2<b1|Dcore b3<b2|Da2b b4<b3|Da2 a2bcd<a2")
	for id, want := range map[string][]string{"b2": {"a1"}, "b3": {"a2bcd"}, "b4": {"a2"}} {
		if got := m.Node(id).Dependencies; !slices.Equal(got, want) {
			t.Errorf("%s depends on %v, want %v", id, got, want)
		}
	}
	if got := m.Node("a1").Dependents; !slices.Equal(got, []string{"b2"}) {
		t.Errorf("dependents of a1: %v", got)
	}
	if !m.Node("a2bcd").IsHead() || m.Node("a2bcd").IsRealHead() {
		t.Errorf("a2bcd should be an effective head (versioned head, depended on)")
	}
}

func TestResolve(t *testing.T) {
	m := newMap(t, project)
	cases := []struct {
		id, want, err string
	}{
		{id: "a", want: "aaaa1111"},
		{id: "aaaa1111", want: "aaaa1111"},
		{id: "lib", want: "11b00001"},
		{id: "lib@head", want: "11b00002"},
		{id: "lib@heads", want: "11b00002"},
		{id: "lib@base", want: ""},
		{id: "base", want: ""},
		{id: "lib@11b00001", want: "11b00001"},
		{id: "lib@11b", err: "Multiple revisions start with '11b': '11b00001', '11b00002'..."},
		{id: "lib@11b00002", want: "11b00002"},
		{id: "cc", err: "Multiple revisions start with 'cc': 'cc111111', 'cc222222'..."},
		{id: "zz", err: "No such revision or branch 'zz'; please ensure at least four characters are present for partial revision identifier matches"},
		{id: "zzzz", err: "No such revision or branch 'zzzz'"},
		{id: "head", err: "Multiple heads are present for given argument 'head'; 11b00002, 4e000000, 2ed00000"},
		{id: "heads", err: "Multiple heads are present for given argument 'heads'; 11b00002, 2ed00000"},
		{id: "lib@aaaa1111", err: "Revision aaaa1111 is not a member of branch 'lib'"},
		{id: "nolabel@aaaa1111", err: "No such branch: 'nolabel'"},
		{id: "cc1@cc111111", want: "cc111111"},
		{id: "-1", err: "No such revision or branch '-1'; please ensure at least four characters are present for partial revision identifier matches"},
	}
	for _, c := range cases {
		got, err := m.Resolve(c.id)
		if c.err != "" {
			if err == nil || err.Error() != c.err {
				t.Errorf("Resolve(%q) = %q, %v; want error %q", c.id, got, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("Resolve(%q) = %q, %v; want %q", c.id, got, err, c.want)
		}
	}
}

func TestResolveMany(t *testing.T) {
	m := newMap(t, project)
	cases := []struct {
		id   string
		want []string
		err  string
	}{
		{id: "heads", want: []string{"11b00002", "2ed00000"}},
		{id: "base"},
		{id: "-1", want: []string{"11b00001", "eeee5555"}},
		{id: "lib@-1", want: []string{"11b00001"}},
		{id: "lib@-2", want: nil}, // walks down to base: nothing
		{id: "lib@-3", err: "Walked too far"},
		{id: "-3", err: "Ambiguous walk"}, // from 2ed00000: eeee5555, then a merge point
		{id: "eeee", want: []string{"eeee5555"}},
		{id: "+1", err: "No such revision or branch '+1'; please ensure at least four characters are present for partial revision identifier matches"},
	}
	for _, c := range cases {
		got, err := m.ResolveMany(c.id)
		if c.err != "" {
			if err == nil || err.Error() != c.err {
				t.Errorf("ResolveMany(%q) = %v, %v; want error %q", c.id, got, err, c.err)
			}
			continue
		}
		if err != nil || !slices.Equal(got, c.want) && len(got)+len(c.want) > 0 {
			t.Errorf("ResolveMany(%q) = %v, %v; want %v", c.id, got, err, c.want)
		}
	}
}

func TestToCommandError(t *testing.T) {
	plain := errors.New("disk full")
	cases := []struct {
		err  error
		want string
	}{
		{&ResolutionError{Msg: "No such revision or branch 'zz'", Argument: "zz"}, "Can't locate revision identified by 'zz'"},
		{&MultipleHeads{Heads: []string{"a", "b"}, Argument: "head"},
			"Multiple head revisions are present for given argument 'head'; please specify a specific target revision, '<branchname>@head' to narrow to a specific head, or 'heads' for all heads"},
		{&RangeNotAncestorError{Lower: "c", Upper: "a"}, "Requested range c:a does not refer to ancestor/descendant revisions along the same branch"},
		{&RevisionError{Msg: "Ambiguous walk"}, "Ambiguous walk"},
		{fmt.Errorf("versions/x.sql: %w", &CycleDetected{Revisions: []string{"a"}, Loop: true}), "Self-loop is detected in revisions (a)"},
		{plain, "disk full"},
	}
	for _, c := range cases {
		got := ToCommandError(c.err)
		if got.Error() != c.want {
			t.Errorf("ToCommandError(%v) = %q, want %q", c.err, got, c.want)
		}
		var ce *CommandError
		if c.err != plain && (!errors.As(got, &ce) || !errors.Is(got, c.err)) {
			t.Errorf("ToCommandError(%v) does not wrap its cause in a CommandError", c.err)
		}
		if ToCommandError(got) != got {
			t.Errorf("ToCommandError is not idempotent on %v", got)
		}
	}
	if got := ToCommandError(plain); got != plain {
		t.Errorf("a non-graph error was rewritten: %v", got)
	}
}

func TestPlanErrors(t *testing.T) {
	m := newMap(t, project)
	two := newMap(t, "a< b<a c1<b c2<b")
	line := newMap(t, "a< b<a c<b")
	cases := []struct {
		name string
		run  func() ([]Step, error)
		want string
	}{
		{"upgrade unknown", func() ([]Step, error) { return m.Upgrade(nil, "zzzz") }, "Can't locate revision identified by 'zzzz'"},
		{"upgrade head", func() ([]Step, error) { return two.Upgrade(nil, "head") },
			"Multiple head revisions are present for given argument 'head'; please specify a specific target revision, '<branchname>@head' to narrow to a specific head, or 'heads' for all heads"},
		{"upgrade unknown row", func() ([]Step, error) { return two.Upgrade([]string{"gone"}, "heads") }, "Can't locate revision identified by 'gone'"},
		{"downgrade unknown row", func() ([]Step, error) { return two.Downgrade([]string{"gone"}, "base") }, "Can't locate revision identified by 'gone'"},
		{"downgrade above", func() ([]Step, error) { return two.Downgrade([]string{"b"}, "c1") },
			"Destination c1 is not a valid downgrade target from current head(s)"},
		{"downgrade other branch", func() ([]Step, error) { return two.Downgrade([]string{"c1"}, "c2") },
			"Destination c2 is not a valid downgrade target from current head(s)"},
		{"downgrade label head", func() ([]Step, error) { return m.Downgrade([]string{"2ed00000", "11b00002"}, "lib@head") },
			// Alembic resolves the part after the last @ alone, so head is ambiguous.
			"Multiple head revisions are present for given argument 'lib@head'; please specify a specific target revision, '<branchname>@lib@head' to narrow to a specific head, or 'heads' for all heads"},
		{"upgrade overwalk", func() ([]Step, error) { return line.Upgrade(nil, "a+9") }, "Relative revision +9 didn't produce 9 migrations"},
		{"upgrade minus", func() ([]Step, error) { return two.Upgrade([]string{"b"}, "-1") }, "Relative revision -1 didn't produce 1 migrations"},
		{"upgrade plus from merge", func() ([]Step, error) { return two.Upgrade([]string{"c1", "c2"}, "+1") }, "Ambiguous upgrade from multiple current revisions"},
		{"downgrade base overwalk", func() ([]Step, error) { return line.Downgrade([]string{"b"}, "base+9") }, "Walked too far"},
		{"downgrade plus", func() ([]Step, error) { return two.Downgrade([]string{"b"}, "+1") }, "Relative revision +1 didn't produce 1 migrations"},
		{"downgrade label empty", func() ([]Step, error) { return m.Downgrade(nil, "lib@-1") }, "Relative revision -1 didn't produce 1 migrations"},
		{"stamp head", func() ([]Step, error) { return two.Stamp(nil, []string{"head"}) }, "Multiple heads are present; please specify a single target revision"},
		{"stamp unknown", func() ([]Step, error) { return two.Stamp(nil, []string{"nope"}) }, "Can't locate revision identified by 'nope'"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			steps, err := c.run()
			if err == nil || err.Error() != c.want {
				t.Fatalf("got %v, %v; want error %q", steps, err, c.want)
			}
			var ce *CommandError
			if !errors.As(err, &ce) || ce.Unwrap() == nil {
				t.Errorf("%T is not a CommandError wrapping the graph error", err)
			}
		})
	}
}

// TestStepLogs checks the From/To of steps, which the runner prints as
// "Running upgrade <from> -> <to>" and "Running stamp_revision <from> -> <to>".
func TestStepLogs(t *testing.T) {
	m := newMap(t, project)
	logs := func(steps []Step, err error) []string {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, s := range steps {
			verb := "downgrade"
			switch {
			case s.Stamp:
				verb = "stamp_revision"
			case s.Up:
				verb = "upgrade"
			}
			out = append(out, fmt.Sprintf("%s %s -> %s", verb, strings.Join(s.From, ", "), strings.Join(s.To, ", ")))
		}
		return out
	}
	cases := []struct {
		name string
		got  []string
		want []string
	}{
		{"upgrade merge", logs(m.Upgrade([]string{"cc111111", "cc222222"}, "eeee5555")),
			[]string{"upgrade cc111111, cc222222 -> eeee5555"}},
		{"upgrade from base, dependency not in the log", logs(m.Upgrade(nil, "lib@head")),
			[]string{"upgrade  -> aaaa1111", "upgrade aaaa1111 -> bbbb2222", "upgrade  -> 11b00001", "upgrade 11b00001 -> 11b00002"}},
		{"downgrade to base", logs(m.Downgrade([]string{"bbbb2222"}, "base")),
			[]string{"downgrade bbbb2222 -> aaaa1111", "downgrade aaaa1111 -> "}},
		{"stamp", logs(m.Stamp([]string{"eeee5555"}, []string{"bbbb2222", "4e000000"})),
			[]string{"stamp_revision eeee5555 -> bbbb2222", "stamp_revision  -> 4e000000"}},
		{"stamp base", logs(m.Stamp([]string{"cc111111", "11b00001"}, []string{"base"})),
			[]string{"stamp_revision cc111111 -> ", "stamp_revision 11b00001 -> "}},
	}
	for _, c := range cases {
		if !slices.Equal(c.got, c.want) {
			t.Errorf("%s:\n got %q\nwant %q", c.name, c.got, c.want)
		}
	}
}

func TestHistory(t *testing.T) {
	m := newMap(t, "a< b<a c<b")
	br := newMap(t, "a< b<a c1<b c2<b")
	cases := []struct {
		m       *Map
		rng     string
		current []string
		want    []string
		err     string
	}{
		{m: m, rng: "", want: []string{"c", "b", "a"}},
		{m: m, rng: ":", want: []string{"c", "b", "a"}},
		{m: m, rng: " b: ", want: []string{"c", "b"}},
		{m: m, rng: "current:", current: []string{"b"}, want: []string{"c", "b"}},
		{m: m, rng: ":current", current: []string{"b"}, want: []string{"b", "a"}},
		{m: m, rng: ":current", want: []string{"c", "b", "a"}}, // no rows: Alembic falls back to heads
		{m: m, rng: "b:+5", want: []string{"c", "b"}},
		{m: br, rng: "c1:", want: []string{"c1"}},
		{m: m, rng: "abc", err: "History range requires [start]:[end], [start]:, or :[end]"},
		{m: m, rng: "a:b:c", err: "History range requires [start]:[end], [start]:, or :[end]"},
		{m: m, rng: "c:a", err: "Requested range c:a does not refer to ancestor/descendant revisions along the same branch"},
		{m: br, rng: "c1:c2", err: "Requested range c1:c2 does not refer to ancestor/descendant revisions along the same branch"},
		{m: m, rng: "x:", err: "Can't locate revision identified by 'x'"},
		{m: br, rng: ":head", err: "Multiple head revisions are present for given argument 'head'; please specify a specific target revision, '<branchname>@head' to narrow to a specific head, or 'heads' for all heads"},
		// Alembic 1.8.1 quirk kept: a -N walk that stops exactly at base fails the range check,
		// while one that overshoots is clamped (vector cmd-history-too-large-relative).
		{m: m, rng: "-3:c", err: "Requested range -3:c does not refer to ancestor/descendant revisions along the same branch"},
	}
	for _, c := range cases {
		got, err := c.m.History(c.rng, c.current)
		if c.err != "" {
			if err == nil || err.Error() != c.err {
				t.Errorf("History(%q) = %v, %v; want error %q", c.rng, got, err, c.err)
			}
			continue
		}
		if err != nil || !slices.Equal(got, c.want) {
			t.Errorf("History(%q, %v) = %v, %v; want %v", c.rng, c.current, got, err, c.want)
		}
	}
}

func TestCurrentAndRows(t *testing.T) {
	m := newMap(t, project)
	if got := m.Current([]string{"cc111111", "4e000000", "gone"}); !slices.Equal(got, []string{"cc111111", "4e000000"}) {
		t.Errorf("Current = %v", got)
	}
	if got := m.Current([]string{"11b00002"}); !slices.Equal(got, []string{"bbbb2222", "11b00002"}) {
		t.Errorf("Current of a row with a dependency = %v", got)
	}
	if err := m.CheckRows([]string{"aaaa1111", "gone"}); err == nil || err.Error() != "Can't locate revision identified by 'gone'" {
		t.Errorf("CheckRows: %v", err)
	}
	if err := m.CheckRows([]string{"aaaa"}); err == nil {
		t.Errorf("CheckRows accepted a prefix as a row")
	}
}

func TestOfflineStart(t *testing.T) {
	m := newMap(t, "a< b<a c1<b c2<b")
	for start, want := range map[string][]string{"": nil, "base": nil, "b": {"b"}, "c1": {"c1"}} {
		if got, err := m.OfflineStart(start); err != nil || !slices.Equal(got, want) {
			t.Errorf("OfflineStart(%q) = %v, %v; want %v", start, got, err, want)
		}
	}
	_, err := m.OfflineStart("heads")
	if err == nil || !strings.HasPrefix(err.Error(), "Multiple head revisions are present for given argument 'heads'") {
		t.Errorf("OfflineStart(heads): %v", err)
	}
}

func TestApplyErrors(t *testing.T) {
	m := newMap(t, "a< b<a")
	cases := []struct {
		rows []string
		step Step
		want string
	}{
		{[]string{"a"}, Step{Revision: "b"}, "graph: cannot downgrade b: it is not a row of the version table"},
		{[]string{"b"}, Step{Revision: "b", Up: true}, "graph: cannot insert version b: already a row"},
		{nil, Step{Revision: "zz", Up: true}, "No such revision or branch 'zz'"},
		{[]string{"a"}, Step{Stamp: true, Up: true, To: []string{"a"}}, "graph: cannot stamp from [] to [a]"},
	}
	for _, c := range cases {
		_, _, err := m.Apply(c.rows, c.step)
		if err == nil || err.Error() != c.want {
			t.Errorf("Apply(%v, %+v): %v, want %q", c.rows, c.step, err, c.want)
		}
	}
}

func TestNodeFlagsAndBranchPoints(t *testing.T) {
	m := newMap(t, project)
	flags := func(id string) string {
		n := m.Node(id)
		var f []string
		for _, x := range []struct {
			on   bool
			name string
		}{{n.IsHead(), "head"}, {n.IsRealHead(), "realhead"}, {n.IsBase(), "base"}, {n.IsBranchPoint(), "branchpoint"}, {n.IsMergePoint(), "mergepoint"}} {
			if x.on {
				f = append(f, x.name)
			}
		}
		return strings.Join(f, " ")
	}
	for id, want := range map[string]string{
		"aaaa1111": "base", "bbbb2222": "branchpoint", "eeee5555": "mergepoint",
		"4e000000": "head base", "2ed00000": "head realhead", "11b00002": "head realhead",
	} {
		if got := flags(id); got != want {
			t.Errorf("%s flags %q, want %q", id, got, want)
		}
	}
	if got := m.BranchPoints(); !slices.Equal(got, []string{"bbbb2222"}) {
		t.Errorf("BranchPoints = %v", got)
	}
	if got := m.Node("bbbb2222").Children; !slices.Equal(got, []string{"cc111111", "cc222222"}) {
		t.Errorf("children %v", got)
	}
	if got := m.Node("11b00002").Labels; !slices.Equal(got, []string{"lib"}) {
		t.Errorf("labels %v", got)
	}
}
