package graph

import (
	"fmt"
	"slices"
	"strings"
)

// Command-level planning: what alembic/command.py and ScriptDirectory do with the graph.
// Errors returned here are *CommandError (Alembic's "FAILED: " text) wrapping the
// graph-level cause.

// Upgrade plans `upgrade target` from the version rows current, in execution order.
// Upgrade always works with "implicit base": branches absent from the rows are applied
// from their root, and a target already implied by the rows is a no-op.
func (m *Map) Upgrade(current []string, target string) ([]Step, error) {
	return m.upgrade(current, []string{target})
}

// upgrade takes the target as Alembic's Python API does: one identifier or a tuple.
func (m *Map) upgrade(current, targets []string) ([]Step, error) {
	dest := strings.Join(targets, ", ")
	if err := m.CheckRows(current); err != nil {
		return nil, err
	}
	order, err := m.iterate(targets, current, IterateOptions{ImplicitBase: true})
	if err != nil {
		return nil, commandError(err, catchOpts{
			ancestor: "Destination %[2]s is not a valid upgrade target from current head(s)",
			end:      dest, hasEnd: true,
		})
	}
	steps := make([]Step, len(order))
	for k, r := range order {
		steps[len(order)-1-k] = m.revisionStep(r, true)
	}
	return steps, nil
}

// Downgrade plans `downgrade target` from the version rows current, in execution order.
func (m *Map) Downgrade(current []string, target string) ([]Step, error) {
	if err := m.CheckRows(current); err != nil {
		return nil, err
	}
	order, err := m.iterate(current, []string{target}, IterateOptions{SelectForDowngrade: true})
	if err != nil {
		return nil, commandError(err, catchOpts{
			ancestor: "Destination %[2]s is not a valid downgrade target from current head(s)",
			end:      target, hasEnd: true,
		})
	}
	steps := make([]Step, len(order))
	for k, r := range order {
		steps[k] = m.revisionStep(r, false)
	}
	return steps, nil
}

// DowngradeWarnings returns the warnings Alembic prints while planning `downgrade target`
// (a bare -N with several rows takes the first row).
func (m *Map) DowngradeWarnings(current []string, target string) []string {
	g := relativeRe.FindStringSubmatch(target)
	if g == nil || g[1] != "" || g[2] != "" || !strings.HasPrefix(g[3], "-") {
		return nil
	}
	uniq := map[string]bool{}
	for _, c := range current {
		uniq[c] = true
	}
	if len(uniq) > 1 {
		return []string{"downgrade -1 from multiple heads is ambiguous; this usage will be disallowed in a future release."}
	}
	return nil
}

func (m *Map) revisionStep(r int, up bool) Step {
	n := m.nodes[r]
	s := Step{Revision: n.ID, Up: up, From: n.Down, To: []string{n.ID}}
	if !up {
		s.From, s.To = s.To, s.From
	}
	s.From, s.To = slices.Clone(s.From), slices.Clone(s.To)
	return s
}

// Stamp plans `stamp targets...` from the version rows current: one pseudo-step per target
// (Alembic's _stamp_revs), moving only the rows that share lineage with the targets.
func (m *Map) Stamp(current []string, targets []string) ([]Step, error) {
	steps, err := m.stamp(current, targets)
	if err != nil {
		return nil, commandError(err, catchOpts{
			multipleHeads: "Multiple heads are present; please specify a single target revision",
		})
	}
	return steps, nil
}

func (m *Map) stamp(current []string, targets []string) ([]Step, error) {
	heads, err := m.rowRevs(current)
	if err != nil {
		return nil, err
	}
	if len(targets) == 0 {
		targets = []string{"base"}
	}
	var filtered []int
	for _, t := range targets {
		if t == "" {
			continue
		}
		in, err := m.filterForLineage(heads, t, true)
		if err != nil {
			return nil, err
		}
		for _, h := range in {
			if !slices.Contains(filtered, h) {
				filtered = append(filtered, h)
			}
		}
	}
	dests, err := m.getRevisionsList(targets)
	if err != nil {
		return nil, err
	}
	if len(dests) == 0 {
		dests = []int{revNone}
	}
	var steps []Step
	for _, d := range dests {
		switch {
		case d < 0: // base (or a -N walk that reached it): drop every row in the lineage
			for _, h := range filtered {
				steps = append(steps, Step{Stamp: true, From: []string{m.nodes[h].ID}})
			}
		case slices.Contains(filtered, d):
			// already a row
		default:
			rowsAbove, rowsBelow := false, false
			for _, h := range filtered {
				rowsAbove = rowsAbove || m.isAncestor(d, h)
				rowsBelow = rowsBelow || m.isAncestor(h, d)
			}
			// Moving several rows is one step: all but the last are deleted.
			switch {
			case rowsAbove:
				steps = append(steps, Step{Stamp: true, From: m.ids(filtered), To: []string{m.nodes[d].ID}})
			case rowsBelow:
				steps = append(steps, Step{Stamp: true, Up: true, From: m.ids(filtered), To: []string{m.nodes[d].ID}})
			default:
				steps = append(steps, Step{Stamp: true, Up: true, To: []string{m.nodes[d].ID}})
			}
		}
	}
	return steps, nil
}

// CheckRows reports, as Alembic's command-level error, a version row that names no
// revision ("Can't locate revision identified by 'x'").
func (m *Map) CheckRows(rows []string) error {
	_, err := m.rowRevs(rows)
	return commandError(err, catchOpts{})
}

// rowRevs resolves version rows, which must be exact revision ids.
func (m *Map) rowRevs(rows []string) ([]int, error) {
	out := make([]int, 0, len(rows))
	for _, r := range rows {
		n, ok := m.byID[r]
		if !ok {
			return nil, &ResolutionError{Msg: fmt.Sprintf("No such revision or branch '%s'", r), Argument: r}
		}
		out = append(out, n.Index)
	}
	return out, nil
}

// Current returns what `current` displays for the version rows: the branch tips of the rows
// and all their ancestors (dependencies included), in load order. Rows naming no revision
// are ignored here; CheckRows reports them.
func (m *Map) Current(rows []string) []string {
	var revs []int
	for _, r := range rows {
		if n, ok := m.byID[r]; ok {
			revs = append(revs, n.Index)
		}
	}
	tips := m.allCurrent(revs)
	slices.Sort(tips)
	return m.ids(tips)
}

// allCurrent is _get_all_current: the revisions of (rows + all their ancestors) that have no
// versioned descendant in that set.
func (m *Map) allCurrent(rows []int) []int {
	set := m.reach(rows, m.allDown)
	// A proper versioned descendant in the set exists iff one of the children is in the set
	// or has one; children come later in topological order.
	hasAbove := make([]bool, len(m.nodes))
	order := m.topo
	var out []int
	for k := len(order) - 1; k >= 0; k-- {
		i := order[k]
		for _, c := range m.next[i] {
			if set[c] || hasAbove[c] {
				hasAbove[i] = true
				break
			}
		}
		if set[i] && !hasAbove[i] {
			out = append(out, i)
		}
	}
	return out
}

// History returns the revisions of `history -r rng` newest first; current are the version
// rows, used when the range names `current`. An empty rng means the whole graph. Both ends
// are inclusive and relative ends stop at the edge of the graph instead of failing.
func (m *Map) History(rng string, current []string) ([]string, error) {
	var base, head string
	if rng != "" {
		parts := strings.Split(strings.TrimSpace(rng), ":")
		if len(parts) != 2 {
			return nil, &CommandError{Msg: "History range requires [start]:[end], [start]:, or :[end]"}
		}
		base, head = parts[0], parts[1]
	}
	var upper, lower []string
	switch {
	case head == "current":
		upper = current
	case head != "":
		upper = []string{head}
	}
	switch {
	case base == "current" && head != "current":
		lower = current
	case base != "":
		lower = []string{base}
	}
	if len(upper) == 0 {
		upper = []string{"heads"}
	}
	if len(lower) == 0 {
		lower = []string{"base"}
	}
	order, err := m.iterate(upper, lower, IterateOptions{Inclusive: true, AllowOverwalk: true})
	if err != nil {
		start, end := strings.Join(lower, ", "), strings.Join(upper, ", ")
		return nil, commandError(err, catchOpts{start: start, end: end, hasEnd: true})
	}
	return m.ids(order), nil
}

// OfflineStart resolves the start of an offline (--sql) range "start:end" into the rows
// assumed present: nothing for base, else the one revision the singular resolver gives.
func (m *Map) OfflineStart(start string) ([]string, error) {
	if start == "" || start == "base" {
		return nil, nil
	}
	r, err := m.getRevision(start)
	if err != nil {
		return nil, commandError(err, catchOpts{})
	}
	if r < 0 {
		return nil, nil
	}
	return []string{m.nodes[r].ID}, nil
}
