package graph

import "fmt"

// Synthetic returns n revisions in load order shaped like a long-lived project: mostly a
// straight line, with a side branch every 40 revisions that runs beside the trunk for a
// few revisions and is merged back, a depends_on now and then (on an ancestor, or across
// to the open side branch), and a branch label on the
// root. The graph always ends in one head. It is deterministic, for benchmarks and
// generated test projects.
func Synthetic(n int) []Revision {
	revs := make([]Revision, 0, n)
	id := func(i int) string {
		// Spread the ids like uuid4 hex so prefixes behave as in real projects.
		x := uint64(i+1) * 0x9E3779B97F4A7C15
		return fmt.Sprintf("%012x", x>>16&0xffffffffffff)
	}
	trunk, side := "", ""
	for i := range n {
		r := Revision{ID: id(i)}
		k := i % 40
		switch {
		case i == 0:
			r.BranchLabels = []string{"trunk"}
		case side != "" && (k == 38 || i == n-1):
			r.Down = []string{trunk, side} // merge the side branch back
			side = ""
		case k == 30 && i+2 < n:
			r.Down = []string{trunk} // the trunk revision becomes a branch point
			side = r.ID
			revs = append(revs, r)
			continue
		case side != "" && k%2 == 0:
			r.Down = []string{side}
			side = r.ID
			revs = append(revs, r)
			continue
		default:
			r.Down = []string{trunk}
			switch {
			case k == 10 && i >= 200:
				r.DependsOn = []string{revs[i-150].ID} // already an ancestor: normalized away
			case k == 35 && side != "" && i%400 == 35:
				r.DependsOn = []string{side} // a real cross-branch dependency
			}
		}
		trunk = r.ID
		revs = append(revs, r)
	}
	return revs
}
