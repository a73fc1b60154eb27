package graph

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Identifier resolution: Alembic's get_revision / get_revisions and their helpers.
// Internally a resolved revision is a node index, or one of these markers.
const (
	revNone = -1 // Python None: no revision, i.e. base
	revBase = -2 // the "base" marker a downward walk returns below a root
	revOver = -3 // a walk that ran off the graph
)

// relativeRe is Alembic's _relative_destination, matched at the start of the string only.
var relativeRe = regexp.MustCompile(`^(?:(.+?)@)?(\w+)?([+-]\d+)`)

// Resolve is Alembic's singular resolver (get_revision): "" for base/None, one id, or an error.
func (m *Map) Resolve(id string) (string, error) {
	r, err := m.getRevision(id)
	if err != nil || r < 0 {
		return "", err
	}
	return m.nodes[r].ID, nil
}

// ResolveMany is Alembic's plural resolver (get_revisions): heads, label@head, -N, lists...
// "base" resolves to nothing. A -N that walks past the roots is an error (Alembic crashes).
func (m *Map) ResolveMany(id string) ([]string, error) {
	revs, err := m.getRevisions(id)
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(revs))
	for _, r := range revs {
		switch {
		case r >= 0:
			out = append(out, m.nodes[r].ID)
		case r == revOver:
			return nil, revErr("Walked too far")
		}
	}
	return out, nil
}

// resolved is _resolve_revision_number's result: the ids named, and the branch qualifier.
type resolved struct {
	ids       []string
	branch    string
	hasBranch bool
}

func (m *Map) resolveNumber(id string) (resolved, error) {
	var r resolved
	if i := strings.IndexByte(id, '@'); i >= 0 {
		r.branch, id, r.hasBranch = id[:i], id[i+1:], true
	}
	switch id {
	case "heads":
		if r.branch == "" {
			r.ids = m.ids(m.realHeads)
			break
		}
		hs, err := m.filterForLineage(m.heads, r.branch, false)
		if err != nil {
			return r, err
		}
		r.ids = m.ids(hs)
	case "head":
		h, err := m.currentHead(r.branch)
		if err != nil {
			return r, err
		}
		if h >= 0 {
			r.ids = []string{m.nodes[h].ID}
		}
	case "base":
	default:
		r.ids = []string{id}
	}
	return r, nil
}

// currentHead is get_current_head: the single versioned head (of a branch), or revNone.
func (m *Map) currentHead(branch string) (int, error) {
	hs := m.heads
	arg := "head"
	if branch != "" {
		var err error
		if hs, err = m.filterForLineage(hs, branch, false); err != nil {
			return 0, err
		}
		arg = branch + "@head"
	}
	switch len(hs) {
	case 0:
		return revNone, nil
	case 1:
		return hs[0], nil
	}
	return 0, &MultipleHeads{Heads: m.ids(hs), Argument: arg}
}

// getRevision is get_revision.
func (m *Map) getRevision(id string) (int, error) {
	r, err := m.resolveNumber(id)
	if err != nil {
		return 0, err
	}
	switch len(r.ids) {
	case 0:
		return m.revisionForIdent("", false, r.branch)
	case 1:
		return m.revisionForIdent(r.ids[0], true, r.branch)
	}
	return 0, &MultipleHeads{Heads: r.ids, Argument: id}
}

// getRevisions is get_revisions for one string. Entries may be revBase or revOver when a
// -N walk reaches or passes the roots.
func (m *Map) getRevisions(id string) ([]int, error) {
	r, err := m.resolveNumber(id)
	if err != nil {
		return nil, err
	}
	if len(r.ids) == 1 {
		if n, ok := pyInt(r.ids[0]); ok && n < 0 {
			// branch@-n: walk down from each real head (of the branch).
			var out []int
			for _, h := range m.realHeads {
				if r.hasBranch && !m.hasLabel(h, r.branch) {
					continue
				}
				w, err := m.walk(h, n, "", true)
				if err != nil {
					return nil, err
				}
				out = append(out, w)
			}
			return out, nil
		}
	}
	out := make([]int, 0, len(r.ids))
	for _, x := range r.ids {
		rev, err := m.revisionForIdent(x, true, r.branch)
		if err != nil {
			return nil, err
		}
		out = append(out, rev)
	}
	return out, nil
}

// getRevisionsList is get_revisions for a tuple: each element resolved, concatenated.
func (m *Map) getRevisionsList(ids []string) ([]int, error) {
	var out []int
	for _, id := range ids {
		revs, err := m.getRevisions(id)
		if err != nil {
			return nil, err
		}
		out = append(out, revs...)
	}
	return out, nil
}

// pyInt parses what Python's int() would take in Alembic's "branch@-n" test.
func pyInt(s string) (int, bool) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	return n, err == nil
}

// revisionForIdent is _revision_for_ident: an exact id or label, else a unique prefix of one
// (candidates longer than 3 characters, restricted to the branch's lineage when a branch is
// given); with a branch the result must share its lineage. hasID false is the empty tuple
// (base): only the branch is checked.
func (m *Map) revisionForIdent(id string, hasID bool, branch string) (int, error) {
	branchRev := revNone
	if branch != "" {
		b, err := m.resolveBranch(branch)
		if err != nil {
			return 0, err
		}
		branchRev = b
	}
	if !hasID {
		return revNone, nil
	}
	rev, ok := m.keyRev[id]
	if !ok {
		cands := m.candidates(id, branchRev)
		switch len(cands) {
		case 0:
			hint := ""
			if len(id) < 4 {
				hint = "; please ensure at least four characters are present for partial revision identifier matches"
			}
			return 0, &ResolutionError{Msg: fmt.Sprintf("No such revision or branch '%s'%s", id, hint), Argument: id}
		case 1:
			rev = m.keyRev[cands[0]]
		default:
			quoted := make([]string, 0, 3)
			for _, c := range cands[:min(3, len(cands))] {
				quoted = append(quoted, "'"+c+"'")
			}
			return 0, &ResolutionError{Msg: fmt.Sprintf("Multiple revisions start with '%s': %s...", id, strings.Join(quoted, ", ")), Argument: id}
		}
	}
	if branchRev >= 0 && !m.sharesLineage(rev, []int{branchRev}, false) {
		return 0, &ResolutionError{Msg: fmt.Sprintf("Revision %s is not a member of branch '%s'", m.nodes[rev].ID, branch), Argument: id}
	}
	return rev, nil
}

// candidates returns the keys (ids, then labels) longer than 3 characters that start with
// prefix, keeping only those in the lineage of branchRev when it is a revision.
func (m *Map) candidates(prefix string, branchRev int) []string {
	if prefix == "" {
		return nil
	}
	var out []string
	for _, k := range m.keys {
		if len(k) > 3 && strings.HasPrefix(k, prefix) &&
			(branchRev < 0 || m.sharesLineage(m.keyRev[k], []int{branchRev}, false)) {
			out = append(out, k)
		}
	}
	return out
}

// resolveBranch is _resolve_branch: a label (or id) exactly, else an id prefix.
func (m *Map) resolveBranch(label string) (int, error) {
	if j, ok := m.keyRev[label]; ok {
		return j, nil
	}
	j, err := m.revisionForIdent(label, true, "")
	if err != nil {
		return 0, &ResolutionError{Msg: fmt.Sprintf("No such branch: '%s'", label), Argument: label}
	}
	return j, nil
}

// filterForLineage keeps the targets that share lineage with what checkAgainst names
// (its branch and its revisions).
func (m *Map) filterForLineage(targets []int, checkAgainst string, deps bool) ([]int, error) {
	r, err := m.resolveNumber(checkAgainst)
	if err != nil || len(targets) == 0 {
		return nil, err
	}
	names := r.ids
	if r.branch != "" {
		names = append([]string{r.branch}, names...)
	}
	if len(names) == 0 {
		return targets, nil
	}
	shares := make([]int, 0, len(names))
	for _, s := range names {
		x, err := m.revisionForIdent(s, true, "")
		if err != nil {
			return nil, err
		}
		shares = append(shares, x)
	}
	var out []int
	for _, t := range targets {
		if m.sharesLineage(t, shares, deps) {
			out = append(out, t)
		}
	}
	return out, nil
}

// sharesLineage reports whether one of tests is t, an ancestor or a descendant of t
// (through dependencies too when deps).
func (m *Map) sharesLineage(t int, tests []int, deps bool) bool {
	if len(tests) == 0 {
		return true
	}
	down, up := m.down, m.next
	if deps {
		down, up = m.allDown, m.allNext
	}
	hit := func(x int) bool {
		for _, y := range tests {
			if x == y {
				return true
			}
		}
		return false
	}
	return m.search(t, down, hit) || m.search(t, up, hit)
}

// search reports whether a node satisfying hit is reachable from start (inclusive).
func (m *Map) search(start int, edges [][]int, hit func(int) bool) bool {
	seen := make([]bool, len(m.nodes))
	stack := []int{start}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[x] {
			continue
		}
		if hit(x) {
			return true
		}
		seen[x] = true
		stack = append(stack, edges[x]...)
	}
	return false
}

// walk is _walk: steps up (children, kept in the branch's lineage when branch is set) or
// down (versioned parents, then the base marker). More than one way to go is an error;
// running off the graph gives revOver, or stops where it is when !noOverwalk.
func (m *Map) walk(start, steps int, branch string, noOverwalk bool) (int, error) {
	cur := start
	for range abs(steps) {
		var children []int
		if steps > 0 {
			up := m.bases
			if cur >= 0 {
				up = m.next[cur]
			}
			children = up
			if branch != "" {
				var err error
				if children, err = m.filterForLineage(up, branch, false); err != nil {
					return 0, err
				}
			}
		} else if cur != revBase {
			children = m.heads
			if cur >= 0 {
				children = m.down[cur]
			}
			if len(children) == 0 {
				children = []int{revBase}
			}
		}
		if len(children) == 0 {
			if noOverwalk {
				return revOver, nil
			}
			return cur, nil
		}
		if len(children) > 1 {
			return 0, revErr("Ambiguous walk")
		}
		cur = children[0]
	}
	return cur, nil
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
