package projectgen

import "testing"

func TestGraphShape(t *testing.T) {
	for _, n := range []int{100, 1000, 10000} {
		revs := Graph(n)
		children := map[string]int{}
		ids := map[string]bool{}
		merges, bases := 0, 0
		for _, r := range revs {
			if ids[r.ID] {
				t.Fatalf("n=%d: duplicate id %s", n, r.ID)
			}
			ids[r.ID] = true
			for _, d := range r.Down {
				if !ids[d] {
					t.Fatalf("n=%d: %s names %s before it exists", n, r.ID, d)
				}
				children[d]++
			}
			switch len(r.Down) {
			case 0:
				bases++
			case 2:
				merges++
			}
		}
		branchPoints, heads := 0, 0
		for _, r := range revs {
			switch children[r.ID] {
			case 0:
				heads++
			case 2:
				branchPoints++
			}
		}
		if len(revs) != n || bases != 1 || heads != 1 || merges != n/100 || branchPoints != n/100 {
			t.Errorf("n=%d: %d revisions, %d bases, %d heads, %d merge points, %d branch points; want %d, 1, 1, %d, %d",
				n, len(revs), bases, heads, merges, branchPoints, n, n/100, n/100)
		}
	}
}
