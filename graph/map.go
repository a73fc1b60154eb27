package graph

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
)

// Map is a loaded revision graph. It is immutable after New and safe for concurrent use.
type Map struct {
	nodes []*Node
	byID  map[string]*Node

	// Adjacency by node index (load order).
	down     [][]int // versioned parents (down_revision)
	normDown [][]int // down_revision plus normalized dependencies
	allDown  [][]int // down_revision plus every resolved dependency
	next     [][]int // versioned children
	allNext  [][]int // children through down_revision or depends_on

	heads, realHeads, bases []int

	// keys are what an identifier can match exactly or by prefix: ids in load order, then
	// branch labels; keyRev maps each to its revision.
	keys   []string
	keyRev map[string]int

	topo []int    // a topological order, parents first
	anc  ancestry // reflexive ancestor bitsets, built on first use
}

// New loads revisions (in load order) into a Map, rejecting what Alembic rejects:
// duplicate ids, self-loops, cycles, dependency cycles, down_revision/depends_on naming a
// missing revision, and a branch label declared twice or equal to an id.
//
// depends_on entries may be ids, branch labels or unique id prefixes.
func New(revs []Revision) (*Map, error) {
	n := len(revs)
	m := &Map{
		nodes:  make([]*Node, n),
		byID:   make(map[string]*Node, n),
		keyRev: make(map[string]int, n),
		keys:   make([]string, 0, n),
	}
	slab := make([]Node, n)
	// Revision.__init__ checks, in load order.
	for i, r := range revs {
		if slices.Contains(r.Down, r.ID) {
			return nil, &CycleDetected{Revisions: []string{r.ID}, Loop: true}
		}
		if slices.Contains(r.DependsOn, r.ID) {
			return nil, &CycleDetected{Revisions: []string{r.ID}, Loop: true, Dependency: true}
		}
		if bad := illegalChars(r.ID); bad != "" {
			return nil, revErr("Character(s) '%s' not allowed in revision identifier '%s'", bad, r.ID)
		}
		if _, dup := m.byID[r.ID]; dup {
			return nil, &DuplicateRevisionError{Revision: r.ID}
		}
		slab[i] = Node{Revision: r, Index: i}
		m.nodes[i] = &slab[i]
		m.byID[r.ID] = &slab[i]
		m.keyRev[r.ID] = i
		m.keys = append(m.keys, r.ID)
	}
	for i, r := range revs {
		for _, l := range r.BranchLabels {
			if j, used := m.keyRev[l]; used {
				return nil, revErr("Branch name '%s' in revision %s already used by revision %s", l, r.ID, revs[j].ID)
			}
			m.keyRev[l] = i
			m.keys = append(m.keys, l)
		}
	}
	deps, err := m.link(revs)
	if err != nil {
		return nil, err
	}
	var realBases []int
	for i, r := range revs {
		if len(m.next[i]) == 0 {
			m.heads = append(m.heads, i)
		}
		if len(m.allNext[i]) == 0 {
			m.realHeads = append(m.realHeads, i)
		}
		if len(r.Down) == 0 {
			m.bases = append(m.bases, i)
			if len(r.DependsOn) == 0 {
				realBases = append(realBases, i)
			}
		}
	}
	if err := m.detectCycles(realBases); err != nil {
		return nil, err
	}
	m.topo = m.topoOrder()
	m.normalize(deps)
	m.propagateLabels()
	// One backing array for each kind of list, as large graphs are mostly single links.
	children, norm := make([]string, 0, n), make([]string, 0, n)
	for i, nd := range m.nodes {
		nd.Children, children = m.appendIDs(children, m.next[i])
		nd.NormalizedDown, norm = m.appendIDs(norm, m.normDown[i])
	}
	return m, nil
}

// link resolves down_revision and depends_on to indexes and builds the adjacency lists
// (sharing backing arrays: large graphs are mostly parent/child pairs). It returns each
// revision's resolved dependencies.
func (m *Map) link(revs []Revision) ([][]int, error) {
	n := len(revs)
	m.down = make([][]int, n)
	m.allDown = make([][]int, n)
	deps := make([][]int, n)
	downs := make([]int, 0, n)
	for i, r := range revs {
		start := len(downs)
		for _, d := range r.Down {
			j, ok := m.keyRev[d]
			if !ok || revs[j].ID != d {
				return nil, &MissingRevisionError{Revision: d, From: r.ID}
			}
			if !slices.Contains(downs[start:], j) {
				downs = append(downs, j)
			}
		}
		m.down[i] = slices.Clip(downs[start:])
		for _, d := range r.DependsOn {
			j, err := m.resolveDependency(d, r.ID)
			if err != nil {
				return nil, err
			}
			deps[i] = append(deps[i], j)
			m.nodes[i].Dependencies = append(m.nodes[i].Dependencies, revs[j].ID)
		}
		m.allDown[i] = m.down[i]
		if len(deps[i]) > 0 {
			m.allDown[i] = dedupe(m.down[i], deps[i])
		}
	}
	m.next = reverse(m.down)
	m.allNext = reverse(m.allDown)
	for i := range revs {
		for _, j := range dedupe(deps[i]) {
			m.nodes[j].Dependents = append(m.nodes[j].Dependents, revs[i].ID)
		}
	}
	return deps, nil
}

// reverse inverts adjacency lists, keeping the source order (load order) in each list.
func reverse(edges [][]int) [][]int {
	count := make([]int, len(edges))
	total := 0
	for _, es := range edges {
		for _, j := range es {
			count[j]++
			total++
		}
	}
	backing := make([]int, total)
	out := make([][]int, len(edges))
	off := 0
	for j, c := range count {
		out[j] = backing[off : off : off+c]
		off += c
	}
	for i, es := range edges {
		for _, j := range es {
			out[j] = append(out[j], i)
		}
	}
	return out
}

// illegalChars returns the characters Alembic forbids in ids, sorted and comma-joined.
func illegalChars(id string) string {
	var bad []string
	for _, c := range []string{"+", "-", "@"} {
		if strings.Contains(id, c) {
			bad = append(bad, c)
		}
	}
	return strings.Join(bad, ", ")
}

// resolveDependency resolves a depends_on entry of revision from: an id or label exactly,
// else a unique id prefix.
func (m *Map) resolveDependency(d, from string) (int, error) {
	if j, ok := m.keyRev[d]; ok {
		return j, nil
	}
	if len(m.candidates(d, -1)) == 0 {
		return 0, &MissingRevisionError{Revision: d, From: from}
	}
	j, err := m.revisionForIdent(d, true, "")
	if err != nil {
		return 0, fmt.Errorf("depends_on of %s: %w", from, err)
	}
	return j, nil
}

// dedupe concatenates lists keeping the first occurrence of each index.
func dedupe(lists ...[]int) []int {
	var out []int
	for _, l := range lists {
		for _, x := range l {
			if !slices.Contains(out, x) {
				out = append(out, x)
			}
		}
	}
	return out
}

// detectCycles is Alembic's _detect_cycles: every revision must be reachable both from a
// head (walking down) and from a base (walking up), first through down_revision only, then
// through dependencies too.
func (m *Map) detectCycles(realBases []int) error {
	if len(m.nodes) == 0 {
		return nil
	}
	check := func(heads, bases []int, down, up [][]int, dep bool) error {
		if len(heads) == 0 || len(bases) == 0 {
			return &CycleDetected{Revisions: m.ids(seq(len(m.nodes))), Dependency: dep}
		}
		fromHeads := m.reach(heads, down)
		fromBases := m.reach(bases, up)
		var bad []string
		for i, nd := range m.nodes {
			if !fromHeads[i] || !fromBases[i] {
				bad = append(bad, nd.ID)
			}
		}
		if bad != nil {
			sort.Strings(bad)
			return &CycleDetected{Revisions: bad, Dependency: dep}
		}
		return nil
	}
	if err := check(m.heads, m.bases, m.down, m.next, false); err != nil {
		return err
	}
	if err := check(m.realHeads, realBases, m.allDown, m.allNext, true); err != nil {
		return err
	}
	// Alembic's reachability test misses a cycle hanging between a head and a base
	// (its later traversals then never end); a topological sort catches the rest.
	if left := m.unsorted(m.down, m.next); left != nil {
		return &CycleDetected{Revisions: left}
	}
	if left := m.unsorted(m.allDown, m.allNext); left != nil {
		return &CycleDetected{Revisions: left, Dependency: true}
	}
	return nil
}

// unsorted returns, sorted, the ids a topological sort over these edges cannot place.
func (m *Map) unsorted(down, up [][]int) []string {
	order := topoSort(down, up)
	if len(order) == len(m.nodes) {
		return nil
	}
	placed := make([]bool, len(m.nodes))
	for _, i := range order {
		placed[i] = true
	}
	var left []string
	for i, nd := range m.nodes {
		if !placed[i] {
			left = append(left, nd.ID)
		}
	}
	sort.Strings(left)
	return left
}

// normalize computes normDown: down_revision plus the dependencies that no proper
// versioned ancestor already depends on (_normalize_depends_on). It walks a topological
// order carrying, per node, the sorted dependencies declared by its versioned ancestors;
// a node whose parent declares none shares the parent's set.
func (m *Map) normalize(deps [][]int) {
	n := len(m.nodes)
	m.normDown = make([][]int, n)
	inherited := make([][]int, n)
	for _, i := range m.topo {
		var inh []int
		for k, p := range m.down[i] {
			if k == 0 && len(deps[p]) == 0 {
				inh = inherited[p]
				continue
			}
			inh = union(union(inh, inherited[p]), sorted(deps[p]))
		}
		inherited[i] = inh
		kept := deps[i][:0:0]
		for _, d := range deps[i] {
			if _, found := slices.BinarySearch(inh, d); !found {
				kept = append(kept, d)
			}
		}
		m.normDown[i] = m.down[i]
		if len(kept) > 0 {
			m.normDown[i] = dedupe(m.down[i], kept)
		}
	}
}

func sorted(x []int) []int {
	if slices.IsSorted(x) {
		return x
	}
	x = slices.Clone(x)
	slices.Sort(x)
	return x
}

// union merges two sorted sets into a new one (or returns one of them unchanged).
func union(a, b []int) []int {
	switch {
	case len(b) == 0:
		return a
	case len(a) == 0:
		return b
	}
	out := make([]int, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || (i < len(a) && a[i] < b[j]):
			out = append(out, a[i])
			i++
		case i == len(a) || b[j] < a[i]:
			out = append(out, b[j])
			j++
		default:
			out = append(out, a[i])
			i, j = i+1, j+1
		}
	}
	return out
}

// propagateLabels is Alembic's _add_branches: a declared label goes to every versioned
// descendant of its revision, then down from the last descendant reached until a branch
// point (dependents count) or a merge point.
func (m *Map) propagateLabels() {
	labels := make([][]string, len(m.nodes))
	add := func(i int, ls []string) {
		if labels[i] == nil {
			labels[i] = ls // shared until it changes: appends below copy (ls is clipped)
			return
		}
		for _, l := range ls {
			if !slices.Contains(labels[i], l) {
				labels[i] = append(slices.Clip(labels[i]), l)
			}
		}
	}
	for i, nd := range m.nodes {
		if len(nd.BranchLabels) == 0 {
			continue
		}
		add(i, slices.Clip(nd.BranchLabels))
		// Labels accumulate: what earlier propagation gave this revision travels along.
		own := slices.Clip(slices.Sorted(slices.Values(labels[i])))
		last := i
		m.dfs([]int{i}, m.next, func(j int) { add(j, own); last = j })
		for p := last; ; {
			if len(m.allNext[p]) > 1 || len(m.down[p]) > 1 {
				break
			}
			add(p, own)
			if len(m.down[p]) == 0 {
				break
			}
			p = m.down[p][0]
		}
	}
	for i, ls := range labels {
		if len(ls) > 0 {
			if !slices.IsSorted(ls) {
				ls = slices.Sorted(slices.Values(ls))
			}
			m.nodes[i].Labels = ls
		}
	}
}

// Node returns the node with exactly this id, or nil.
func (m *Map) Node(id string) *Node { return m.byID[id] }

// Nodes returns every node in load order.
func (m *Map) Nodes() []*Node { return m.nodes }

// Heads returns the versioned heads (nothing names them in down_revision), load order.
func (m *Map) Heads() []string { return m.ids(m.heads) }

// RealHeads returns the heads that nothing names in down_revision or depends_on.
func (m *Map) RealHeads() []string { return m.ids(m.realHeads) }

// Bases returns the roots, load order.
func (m *Map) Bases() []string { return m.ids(m.bases) }

// BranchPoints returns the revisions two or more revisions name in down_revision, in the
// order `branches` lists them (history order, newest first).
func (m *Map) BranchPoints() []string {
	order, err := m.History("", nil)
	if err != nil {
		return nil
	}
	var out []string
	for _, id := range order {
		if m.byID[id].IsBranchPoint() {
			out = append(out, id)
		}
	}
	return out
}

// appendIDs appends the ids of idx to backing and returns them as their own (clipped)
// slice, and the grown backing.
func (m *Map) appendIDs(backing []string, idx []int) ([]string, []string) {
	if len(idx) == 0 {
		return nil, backing
	}
	start := len(backing)
	for _, i := range idx {
		backing = append(backing, m.nodes[i].ID)
	}
	return slices.Clip(backing[start:]), backing
}

func (m *Map) ids(idx []int) []string {
	if len(idx) == 0 {
		return nil
	}
	out := make([]string, len(idx))
	for k, i := range idx {
		out[k] = m.nodes[i].ID
	}
	return out
}

func (m *Map) hasLabel(i int, label string) bool {
	return slices.Contains(m.nodes[i].Labels, label)
}

func seq(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// ancestry holds reflexive ancestor sets (through down_revision and dependencies) as
// bitsets over topological positions; a node's set only spans positions up to its own, so
// the whole table is about n*n/16 bytes.
type ancestry struct {
	once sync.Once
	pos  []int      // topological position of each node
	bits [][]uint64 // per node, indexed by position
}

// isAncestor reports whether a is b or an ancestor of b, following dependencies.
func (m *Map) isAncestor(a, b int) bool {
	m.anc.once.Do(m.buildAncestry)
	pa, pb := m.anc.pos[a], m.anc.pos[b]
	if pa > pb {
		return false
	}
	return m.anc.bits[b][pa/64]&(1<<(pa%64)) != 0
}

func (m *Map) buildAncestry() {
	order := m.topo
	n := len(order)
	m.anc.pos = make([]int, n)
	for p, i := range order {
		m.anc.pos[i] = p
	}
	// One backing array keeps allocation cheap.
	total := 0
	for p := range order {
		total += p/64 + 1
	}
	backing := make([]uint64, total)
	m.anc.bits = make([][]uint64, n)
	off := 0
	for p, i := range order {
		w := p/64 + 1
		b := backing[off : off+w : off+w]
		off += w
		for _, d := range m.allDown[i] {
			for k, x := range m.anc.bits[d] {
				b[k] |= x
			}
		}
		b[p/64] |= 1 << (p % 64)
		m.anc.bits[i] = b
	}
}

// topoOrder returns the nodes parents-first (Kahn's algorithm over allDown, load order
// among ready nodes). The graph is acyclic once New has checked it.
func (m *Map) topoOrder() []int { return topoSort(m.allDown, m.allNext) }

func topoSort(down, up [][]int) []int {
	n := len(down)
	indeg := make([]int, n)
	for i := range n {
		indeg[i] = len(down[i])
	}
	order := make([]int, 0, n)
	for i := range n {
		if indeg[i] == 0 {
			order = append(order, i)
		}
	}
	for k := 0; k < len(order); k++ {
		for _, c := range up[order[k]] {
			indeg[c]--
			if indeg[c] == 0 {
				order = append(order, c)
			}
		}
	}
	return order
}

// reach marks every node reachable from start through edges (start included).
func (m *Map) reach(start []int, edges [][]int) []bool {
	seen := make([]bool, len(m.nodes))
	m.dfsSeen(start, edges, seen, nil)
	return seen
}

// dfs visits every node reachable from start through edges once, in Alembic's
// _iterate_related_revisions order (a stack: last pushed first).
func (m *Map) dfs(start []int, edges [][]int, visit func(int)) {
	m.dfsSeen(start, edges, make([]bool, len(m.nodes)), visit)
}

func (m *Map) dfsSeen(start []int, edges [][]int, seen []bool, visit func(int)) {
	var stack []int
	for _, s := range start {
		stack = append(stack, s)
		for len(stack) > 0 {
			x := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if seen[x] {
				continue
			}
			seen[x] = true
			stack = append(stack, edges[x]...)
			if visit != nil {
				visit(x)
			}
		}
	}
}
