package graph

import (
	"fmt"
	"testing"
)

func TestSynthetic(t *testing.T) {
	for _, n := range []int{1, 2, 31, 33, 1000} {
		m, err := New(Synthetic(n))
		if err != nil {
			t.Fatalf("Synthetic(%d): %v", n, err)
		}
		if h := m.Heads(); len(h) != 1 {
			t.Errorf("Synthetic(%d) has heads %v, want one", n, h)
		}
		steps, err := m.Upgrade(nil, "head")
		if err != nil || len(steps) != n {
			t.Errorf("Synthetic(%d): upgrade head gives %d steps, %v", n, len(steps), err)
		}
	}
	m, _ := New(Synthetic(1000))
	var merges, branchPoints, deps int
	for _, nd := range m.Nodes() {
		if nd.IsMergePoint() {
			merges++
		}
		if nd.IsBranchPoint() {
			branchPoints++
		}
		if len(nd.NormalizedDown) > len(nd.Down) {
			deps++
		}
	}
	// 25 side branches; depends_on at i%40==10 from 210 to 970 (20) and at 35, 435, 835.
	if merges != 25 || branchPoints != 25 || deps != 23 {
		t.Errorf("Synthetic(1000) has %d merges, %d branch points, %d kept dependencies", merges, branchPoints, deps)
	}
}

var sizes = []int{1_000, 10_000}

func BenchmarkNew(b *testing.B) {
	for _, n := range sizes {
		revs := Synthetic(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				if _, err := New(revs); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkHeads(b *testing.B) {
	for _, n := range sizes {
		m := mustNew(b, Synthetic(n))
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				if len(m.Heads()) != 1 {
					b.Fatal("want one head")
				}
			}
		})
	}
}

// BenchmarkNewHeadsHistory is what `retort history` costs once the files are read.
func BenchmarkNewHeadsHistory(b *testing.B) {
	for _, n := range sizes {
		revs := Synthetic(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				m := mustNew(b, revs)
				m.Heads()
				if h, err := m.History("", nil); err != nil || len(h) != n {
					b.Fatal(len(h), err)
				}
			}
		})
	}
}

func BenchmarkHistory(b *testing.B) {
	for _, n := range sizes {
		m := mustNew(b, Synthetic(n))
		m.History("", nil) // ancestry bitsets are built once per Map
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				if h, err := m.History("", nil); err != nil || len(h) != n {
					b.Fatal(len(h), err)
				}
			}
		})
	}
}

// BenchmarkUpgrade plans `upgrade head` from an empty table and applies every step's row
// changes, as the runner does.
func BenchmarkUpgrade(b *testing.B) {
	for _, n := range sizes {
		revs := Synthetic(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				m := mustNew(b, revs)
				steps, err := m.Upgrade(nil, "head")
				if err != nil || len(steps) != n {
					b.Fatal(len(steps), err)
				}
				var rows []string
				for _, s := range steps {
					if _, rows, err = m.Apply(rows, s); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

func mustNew(tb testing.TB, revs []Revision) *Map {
	tb.Helper()
	m, err := New(revs)
	if err != nil {
		tb.Fatal(err)
	}
	return m
}
