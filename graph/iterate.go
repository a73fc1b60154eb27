package graph

import (
	"slices"
	"strings"
)

// IterateOptions are iterate_revisions' flags.
type IterateOptions struct {
	// Inclusive includes the lower end itself.
	Inclusive bool
	// ImplicitBase also returns revisions of other branches down to their bases
	// (upgrade always uses it).
	ImplicitBase bool
	// SelectForDowngrade selects what a downgrade from upper to lower removes.
	SelectForDowngrade bool
	// AllowOverwalk lets relative ends (-5, a+9) stop at the edge of the graph instead of
	// failing (history does this; Alembic's assert_relative_length=False).
	AllowOverwalk bool
}

// Iterate is Alembic's iterate_revisions: the revisions between upper and lower, upper
// first, in Alembic's deterministic topological order. An argument with one element is an
// identifier with the full grammar; several elements are a tuple of identifiers; none is base.
// Errors are graph-level (RangeNotAncestorError, RevisionError, ResolutionError...).
func (m *Map) Iterate(upper, lower []string, o IterateOptions) ([]string, error) {
	order, err := m.iterate(upper, lower, o)
	return m.ids(order), err
}

func (m *Map) iterate(upper, lower []string, o IterateOptions) ([]int, error) {
	var (
		todo  []bool
		heads []int
		err   error
	)
	if o.SelectForDowngrade {
		todo, heads, err = m.collectDowngrade(upper, lower, o)
	} else {
		todo, heads, err = m.collectUpgrade(upper, lower, o)
	}
	if err != nil {
		return nil, err
	}
	return m.sortLanes(todo, heads), nil
}

// single returns the identifier of a one-element argument (Alembic's string form).
func single(arg []string) (string, bool) {
	if len(arg) == 1 {
		return arg[0], true
	}
	return "", false
}

// collectUpgrade is _collect_upgrade_revisions: what upper needs that lower does not have.
func (m *Map) collectUpgrade(upper, lower []string, o IterateOptions) ([]bool, []int, error) {
	targets, err := m.parseUpgradeTarget(lower, upper, !o.AllowOverwalk)
	if err != nil {
		return nil, nil, err
	}
	// A named base (label@...) keeps only the targets in that branch.
	if l, ok := single(lower); ok && strings.Contains(l, "@") {
		if targets, err = m.targetsInBranch(targets, l[:strings.IndexByte(l, '@')]); err != nil {
			return nil, nil, err
		}
	}
	required, err := m.related(targets, m.normDown, true)
	if err != nil {
		return nil, nil, err
	}
	current, err := m.getRevisionsList(lower)
	if err != nil {
		return nil, nil, err
	}
	if !o.ImplicitBase {
		for _, c := range current {
			// The base marker of a -N walk that stopped exactly at a root counts as outside
			// the range (so Alembic 1.8.1 rejects history -r -3:c on a three-revision line).
			if c == revBase || (c >= 0 && !required[c]) {
				return nil, nil, &RangeNotAncestorError{Lower: strings.Join(lower, ", "), Upper: strings.Join(upper, ", ")}
			}
		}
	}
	// A relative lower end that walked past the roots (-5 in a short history) is walked
	// again from upper without the length check.
	if l, ok := single(lower); ok && len(current) > 0 && current[0] == revOver {
		_, rev, err := m.parseDowngradeTarget(upper, l, !o.AllowOverwalk)
		if err != nil {
			return nil, nil, err
		}
		if rev < 0 {
			current, lower = nil, nil
		} else {
			current, lower = []int{rev}, []string{m.nodes[rev].ID}
		}
	}
	current = nodesOnly(current)
	have, err := m.related(current, m.normDown, true)
	if err != nil {
		return nil, nil, err
	}
	needs := make([]bool, len(m.nodes))
	for i := range needs {
		needs[i] = required[i] && !have[i]
	}
	if o.Inclusive {
		low, err := m.getRevisionsList(lower)
		if err != nil {
			return nil, nil, err
		}
		for _, r := range nodesOnly(low) {
			needs[r] = true
		}
	}
	if len(current) > 0 && !o.ImplicitBase {
		above, err := m.related(current, m.next, true)
		if err != nil {
			return nil, nil, err
		}
		for i := range needs {
			needs[i] = needs[i] && above[i]
		}
	}
	return needs, targets, nil
}

// targetsInBranch keeps the targets carrying the branch label; a revision id standing in
// for a branch means its label.
func (m *Map) targetsInBranch(targets []int, branch string) ([]int, error) {
	rev, err := m.getRevision(branch)
	if err != nil {
		return nil, err
	}
	inBranch := func(t int) bool { return m.hasLabel(t, branch) }
	if rev >= 0 && m.nodes[rev].ID == branch {
		if ls := m.nodes[rev].Labels; len(ls) == 1 {
			branch = ls[0]
		} else {
			// Alembic asserts exactly one label here; without one, use the lineage.
			inBranch = func(t int) bool { return m.sharesLineage(t, []int{rev}, false) }
		}
	}
	var out []int
	for _, t := range targets {
		if inBranch(t) && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out, nil
}

// parseUpgradeTarget is _parse_upgrade_target: target may be relative (+N from the current
// rows, label@+N, rev+N, rev-N).
func (m *Map) parseUpgradeTarget(current, target []string, assertLen bool) ([]int, error) {
	t, ok := single(target)
	var g []string
	if ok {
		g = relativeRe.FindStringSubmatch(t)
	}
	if g == nil {
		revs, err := m.getRevisionsList(target)
		return nodesOnly(revs), err
	}
	branch, symbol, relStr := g[1], g[2], g[3]
	rel, _ := pyInt(relStr)
	relErr := revErr("Relative revision %s didn't produce %d migrations", relStr, abs(rel))
	var (
		start int
		err   error
	)
	switch {
	case rel > 0 && symbol == "":
		if start, err = m.upgradeStart(current, branch); err != nil {
			return nil, err
		}
	case rel > 0:
		if start, err = m.getRevision(symbol); err != nil {
			return nil, err
		}
	case symbol == "":
		return nil, revErr("Relative revision %d didn't produce %d migrations", rel, abs(rel))
	default:
		if branch != "" {
			symbol = branch + "@" + symbol
		}
		if start, err = m.getRevision(symbol); err != nil {
			return nil, err
		}
		branch = "" // walking down ignores branches
	}
	rev, err := m.walk(start, rel, branch, assertLen)
	if err != nil {
		return nil, err
	}
	if rev == revOver {
		// Alembic 1.8.1 reports this for +N from the current rows and crashes with an
		// AssertionError for rev+N / rev-N; both get the relative-length message here.
		return nil, relErr
	}
	return nodesOnly([]int{rev}), nil
}

// upgradeStart picks the single revision +N walks up from: the current row (in the branch),
// else the newest applied revisions of the branch, else base.
func (m *Map) upgradeStart(current []string, branch string) (int, error) {
	var starts []int
	if branch == "" {
		if len(current) == 0 {
			return revNone, nil
		}
		if len(current) > 1 {
			return 0, revErr("Ambiguous upgrade from multiple current revisions")
		}
		return m.getRevision(current[0])
	}
	revs, err := m.getRevisionsList(current)
	if err != nil {
		return 0, err
	}
	if slices.Contains(revs, revBase) {
		// Only a relative lower end (Iterate) gets here; Alembic then fails to resolve
		// its base marker while filtering for the branch.
		return 0, &ResolutionError{Msg: "No such revision or branch 'base'", Argument: "base"}
	}
	revs = nodesOnly(revs)
	if starts, err = m.filterForLineage(revs, branch, false); err != nil {
		return 0, err
	}
	if len(starts) == 0 {
		active, err := m.filterForLineage(trueIndexes(m.reach(revs, m.normDown)), branch, false)
		if err != nil {
			return 0, err
		}
		// The tips of the applied part of the branch.
		below := map[int]bool{}
		for _, a := range active {
			for _, d := range m.normDown[a] {
				below[d] = true
			}
		}
		for _, a := range active {
			if !below[a] {
				starts = append(starts, a)
			}
		}
	}
	switch len(starts) {
	case 0:
		return revNone, nil
	case 1:
		return starts[0], nil
	}
	return 0, revErr("Ambiguous upgrade from multiple current revisions")
}

// parseDowngradeTarget is _parse_downgrade_target: the branch the downgrade is restricted
// to, and the target revision (revNone/revBase for base). current is the upper end.
func (m *Map) parseDowngradeTarget(current []string, target string, assertLen bool) (string, int, error) {
	g := relativeRe.FindStringSubmatch(target)
	if g == nil {
		branch, symbol := "", target
		if i := strings.LastIndexByte(target, '@'); i >= 0 {
			branch, symbol = target[:i], target[i+1:]
		}
		rev, err := m.getRevision(symbol)
		return branch, rev, err
	}
	branch, symbol, relStr := g[1], g[2], g[3]
	rel, _ := pyInt(relStr)
	relErr := revErr("Relative revision %s didn't produce %d migrations", relStr, abs(rel))
	if rel >= 0 {
		if symbol == "" {
			return "", 0, relErr
		}
		start, err := m.getRevision(symbol)
		if err != nil {
			return "", 0, err
		}
		rev, err := m.walk(start, rel, branch, assertLen)
		if err != nil {
			return "", 0, err
		}
		if rev == revOver {
			return "", 0, revErr("Walked too far")
		}
		return branch, rev, nil
	}
	relative := symbol == ""
	if relative {
		if branch != "" {
			s, err := m.downgradeStart(current, branch)
			if err != nil {
				return "", 0, err
			}
			if s == "" {
				return "", 0, relErr
			}
			symbol = s
		} else {
			if len(current) == 0 {
				return "", 0, relErr
			}
			// Several rows: Alembic warns (see DowngradeWarnings) and takes the first
			// row, restricting the downgrade to its branch.
			symbol = current[0]
			branch = symbol
		}
	}
	anchor := symbol
	if branch != "" {
		anchor = branch + "@" + symbol
	}
	start, err := m.getRevision(anchor)
	if err != nil {
		return "", 0, err
	}
	rev, err := m.walk(start, rel, "", assertLen)
	if err != nil {
		return "", 0, err
	}
	if rev == revOver {
		if relative {
			return "", 0, relErr
		}
		return "", 0, revErr("Walked too far")
	}
	return branch, rev, nil
}

// downgradeStart is the row label@-N walks down from: the current row in the branch, else
// the branch tip among everything the rows imply; "" when the branch has none.
func (m *Map) downgradeStart(current []string, branch string) (string, error) {
	rows := make([]int, 0, len(current))
	for _, c := range current {
		r, err := m.revisionForIdent(c, true, "")
		if err != nil {
			return "", err
		}
		rows = append(rows, r)
	}
	in, err := m.filterForLineage(rows, branch, false)
	if err != nil {
		return "", err
	}
	if len(in) == 0 {
		if in, err = m.filterForLineage(m.allCurrent(rows), branch, false); err != nil {
			return "", err
		}
	}
	// Alembic asserts exactly one; none is reported like an empty table, several like +N.
	switch len(in) {
	case 0:
		return "", nil
	case 1:
		return m.nodes[in[0]].ID, nil
	}
	return "", revErr("Ambiguous downgrade from multiple current revisions")
}

// collectDowngrade is _collect_downgrade_revisions: the applied revisions above the target
// (its children's descendants, dependents included), restricted to the branch.
func (m *Map) collectDowngrade(upper, lower []string, o IterateOptions) ([]bool, []int, error) {
	if len(lower) > 1 {
		return nil, nil, revErr("Expected downgrade target in string form")
	}
	branch, rev := "", revNone
	if t, ok := single(lower); ok {
		var err error
		if branch, rev, err = m.parseDowngradeTarget(upper, t, !o.AllowOverwalk); err != nil {
			return nil, nil, err
		}
	}
	if rev < 0 {
		rev = revNone
	}
	var roots []int
	switch {
	case rev == revNone:
		roots = m.bases
	case o.Inclusive:
		roots = []int{rev}
	default:
		roots = m.next[rev]
	}
	if branch != "" && len(roots) > 1 {
		b, err := m.resolveBranch(branch)
		if err != nil {
			return nil, nil, err
		}
		inBranch := m.reach([]int{b}, m.down)
		var kept []int
		for _, r := range roots {
			if inBranch[r] {
				kept = append(kept, r)
			}
		}
		if len(kept) == 0 {
			return nil, nil, revErr("Not a valid downgrade target from current heads")
		}
		roots = kept
	}
	heads, err := m.getRevisionsList(upper)
	if err != nil {
		return nil, nil, err
	}
	heads = nodesOnly(heads)
	drop := m.reach(roots, m.allNext)
	active := m.reach(heads, m.normDown)
	var kept bool
	for i := range drop {
		drop[i] = drop[i] && active[i]
		kept = kept || drop[i]
	}
	if o.ImplicitBase {
		rootAnc := m.reach(roots, m.normDown)
		for i := range drop {
			if active[i] && !rootAnc[i] {
				drop[i] = true
				kept = true
			}
		}
	}
	if rev != revNone && !kept && !slices.Contains(heads, rev) {
		return nil, nil, &RangeNotAncestorError{Lower: "Nothing to drop", Upper: strings.Join(upper, ", ")}
	}
	return drop, heads, nil
}

// related is _iterate_related_revisions: everything reachable from targets (inclusive).
// With check, a target reaching another target is Alembic's overlap error.
func (m *Map) related(targets []int, edges [][]int, check bool) ([]bool, error) {
	seen := make([]bool, len(m.nodes))
	var stack, overlaps []int
	for _, t := range targets {
		stack = append(stack[:0], t)
		overlaps = overlaps[:0]
		for len(stack) > 0 {
			x := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if check && x != t && slices.Contains(targets, x) && !slices.Contains(overlaps, x) {
				overlaps = append(overlaps, x)
			}
			if seen[x] {
				continue
			}
			seen[x] = true
			stack = append(stack, edges[x]...)
		}
		if len(overlaps) > 0 {
			return nil, revErr("Requested revision %s overlaps with other requested revisions %s",
				m.nodes[t].ID, strings.Join(m.ids(overlaps), ", "))
		}
	}
	return seen, nil
}

// sortLanes is Alembic's _topological_sort of the revisions in todo, newest first: walk
// down one lane at a time from the heads (load order); a revision that another lane's head
// still needs waits for that lane; extra parents of a merge open new lanes at the end.
func (m *Map) sortLanes(todo []bool, heads []int) []int {
	left := 0
	for _, t := range todo {
		if t {
			left++
		}
	}
	out := make([]int, 0, left)
	lanes := make([]int, 0, len(heads))
	for _, h := range heads {
		if todo[h] && !slices.Contains(lanes, h) {
			lanes = append(lanes, h)
		}
	}
	slices.Sort(lanes) // load order
	var add []int
	for left > 0 {
		if len(lanes) == 0 {
			// Alembic asserts this cannot happen; if a selection is not connected to its
			// heads, continue from the topmost revisions left.
			lanes = m.tops(todo)
		}
		idx := 0
		for len(lanes) > 0 {
			cand := lanes[idx]
			switched := false
			for j, h := range lanes {
				if j != idx && m.isAncestor(cand, h) {
					idx, switched = j, true
					break
				}
			}
			if switched {
				continue
			}
			if todo[cand] {
				out = append(out, cand)
				todo[cand] = false
				left--
			}
			add = add[:0]
			for _, p := range m.normDown[cand] {
				if todo[p] && !slices.Contains(lanes, p) && !slices.Contains(add, p) {
					add = append(add, p)
				}
			}
			if len(add) == 0 {
				lanes = append(lanes[:idx], lanes[idx+1:]...)
				idx = max(idx-1, 0)
				continue
			}
			lanes[idx] = add[0]
			lanes = append(lanes, add[1:]...)
		}
	}
	return out
}

// tops returns the revisions in todo with no child in todo, load order.
func (m *Map) tops(todo []bool) []int {
	var out []int
	for i, t := range todo {
		if !t {
			continue
		}
		top := true
		for _, c := range m.allNext[i] {
			if todo[c] {
				top = false
				break
			}
		}
		if top {
			out = append(out, i)
		}
	}
	return out
}

func nodesOnly(revs []int) []int {
	out := revs[:0:0]
	for _, r := range revs {
		if r >= 0 {
			out = append(out, r)
		}
	}
	return out
}

func trueIndexes(b []bool) []int {
	var out []int
	for i, x := range b {
		if x {
			out = append(out, i)
		}
	}
	return out
}
