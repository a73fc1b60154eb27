package graph

import (
	"slices"
	"strings"
	"testing"

	"github.com/retort-dev/retort/internal/fuzzcheck"
)

// fuzzMap is a small graph with what the identifier grammar can name: two bases, a
// branch point, two branches with labels, a dependency and a merge.
func fuzzMap(t testing.TB) *Map {
	m, err := New([]Revision{
		{ID: "a1b2c3"},
		{ID: "a2", Down: []string{"a1b2c3"}},
		{ID: "a3", Down: []string{"a2"}, BranchLabels: []string{"main"}},
		{ID: "b1", Down: []string{"a1b2c3"}, BranchLabels: []string{"lib"}},
		{ID: "b2", Down: []string{"b1"}},
		{ID: "c1", BranchLabels: []string{"other"}, DependsOn: []string{"a2"}},
		{ID: "m1", Down: []string{"a3", "b2"}},
		{ID: "d1", Down: []string{"c1"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// FuzzIdentifier: any target (ids, prefixes, labels, heads, base, relative steps,
// label@rev, ranges) with any version rows plans or fails with one line (unless the
// input itself holds a line break, which main escapes); an upgrade or
// downgrade plan applies row by row, and to an absolute target it is complete: planning
// again from the rows it leaves finds nothing to do.
func FuzzIdentifier(f *testing.F) {
	for _, s := range []struct{ target, rows string }{
		{"head", ""}, {"heads", "a2"}, {"base", "m1"}, {"+2", "a1b2c3"}, {"-1", "m1,d1"},
		{"lib@head", "a3"}, {"main@+1", "a2"}, {"a1", ""}, {"b1:m1", ""}, {"other@b1-1", "d1"},
		{"a3@head", "b1"}, {"current", "b2,a3"}, {"1", "a2"}, {"lib@base", "b2"},
	} {
		f.Add(s.target, s.rows)
	}
	m := fuzzMap(f)
	f.Fuzz(func(t *testing.T, target, rowList string) {
		var rows []string
		if rowList != "" {
			// alembic_version's primary key keeps rows distinct
			rows = slices.Compact(slices.Sorted(slices.Values(strings.Split(rowList, ","))))
		}
		oneLine := func(err error) {
			if !fuzzcheck.HasBreak(target + rowList) {
				fuzzcheck.OneLine(t, err)
			}
		}
		_, err := m.Resolve(target)
		oneLine(err)
		_, err = m.ResolveMany(target)
		oneLine(err)
		_, err = m.History(target, rows)
		oneLine(err)
		_, err = m.Stamp(rows, []string{target})
		oneLine(err)
		relative := strings.ContainsAny(target, "+-")
		for _, up := range []bool{true, false} {
			plan := m.Downgrade
			if up {
				plan = m.Upgrade
			}
			steps, err := plan(rows, target)
			oneLine(err)
			if err != nil {
				continue
			}
			after := rows
			for _, s := range steps {
				if _, after, err = m.Apply(after, s); err != nil {
					t.Fatalf("up=%v %q from %v: step %+v does not apply: %v", up, target, rows, s, err)
				}
			}
			if relative {
				continue
			}
			if again, err := plan(after, target); err != nil || len(again) != 0 {
				t.Fatalf("up=%v %q from %v: after the plan (rows %v) planning again gives %v, %v", up, target, rows, after, again, err)
			}
		}
	})
}
