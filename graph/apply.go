package graph

import (
	"fmt"
	"slices"
)

// Apply computes the alembic_version row changes of one step taken from the rows heads,
// exactly as Alembic's HeadMaintainer does, and the rows after it. Rows keep their order;
// an UPDATE rewrites a row in place and an INSERT appends.
//
// Where Alembic picks from a Python set (which rows a merge deletes when other rows exist),
// the declared order of the parents is used; the resulting row set is the same.
func (m *Map) Apply(heads []string, s Step) ([]VersionOp, []string, error) {
	rows := &rowSet{rows: slices.Clone(heads)}
	var err error
	if s.Stamp {
		err = m.applyStamp(rows, s)
	} else {
		err = m.applyRevision(rows, s)
	}
	if err != nil {
		return nil, nil, err
	}
	return rows.ops, rows.rows, nil
}

func (m *Map) applyRevision(rows *rowSet, s Step) error {
	n := m.byID[s.Revision]
	if n == nil {
		return &ResolutionError{Msg: fmt.Sprintf("No such revision or branch '%s'", s.Revision), Argument: s.Revision}
	}
	r := n.Index
	parents := m.normDown[r]
	inRows := func(list []int) []int {
		var out []int
		for _, p := range list {
			if rows.has(m.nodes[p].ID) {
				out = append(out, p)
			}
		}
		return out
	}
	if s.Up {
		present := inRows(parents)
		switch {
		case len(parents) == 0 || len(present) == 0: // new branch
			return rows.insert(n.ID)
		case len(parents) > 1 && len(present) > 1: // merge
			// Alembic would also try to move a parent that is not a row and crash; only
			// rows are moved here.
			from := inRows(m.notImplied(parents, rows, func(id string) bool { return slices.Contains(parents, m.byID[id].Index) }))
			if len(from) == 0 {
				return fmt.Errorf("graph: cannot merge %s: every parent is implied by other rows", n.ID)
			}
			for _, p := range from[:len(from)-1] {
				if err := rows.delete(m.nodes[p].ID); err != nil {
					return err
				}
			}
			return rows.update(m.nodes[from[len(from)-1]].ID, n.ID)
		}
		return rows.update(m.nodes[present[0]].ID, n.ID)
	}

	if !rows.has(n.ID) {
		return fmt.Errorf("graph: cannot downgrade %s: it is not a row of the version table", n.ID)
	}
	if len(parents) == 0 {
		return rows.delete(n.ID)
	}
	to := m.unmergeTo(r, rows)
	switch {
	case len(to) == 0: // every parent stays implied by another row
		return rows.delete(n.ID)
	case len(parents) > 1: // unmerge
		for _, p := range to[:len(to)-1] {
			if err := rows.insert(m.nodes[p].ID); err != nil {
				return err
			}
		}
		return rows.update(n.ID, m.nodes[to[len(to)-1]].ID)
	}
	return rows.update(n.ID, m.nodes[parents[0]].ID)
}

// unmergeTo is _unmerge_to_revisions: the parents of r a downgrade must bring back, i.e.
// those not implied by the other rows. Without other rows, Alembic 1.8.1 returned every
// parent; like Alembic 1.13.1 (#1373) parents that are ancestors of other parents are left
// out, since the later row implies them (vector dep5-unmerge-overlap expects this).
func (m *Map) unmergeTo(r int, rows *rowSet) []int {
	parents := m.normDown[r]
	self := m.nodes[r].ID
	others := false
	for _, id := range rows.rows {
		others = others || id != self
	}
	if others {
		return m.notImplied(parents, rows, func(id string) bool { return id == self })
	}
	var out []int
	for _, p := range parents {
		implied := false
		for _, q := range parents {
			implied = implied || (q != p && m.isAncestor(p, q))
		}
		if !implied {
			out = append(out, p)
		}
	}
	return out
}

// notImplied returns the candidates (in order) that are neither a row nor an ancestor of a
// row, among the rows not excluded. With no such rows every candidate is returned.
func (m *Map) notImplied(cands []int, rows *rowSet, exclude func(string) bool) []int {
	var others []int
	for _, id := range rows.rows {
		if n := m.byID[id]; n != nil && !exclude(id) {
			others = append(others, n.Index)
		}
	}
	var out []int
	for _, c := range cands {
		implied := false
		for _, o := range others {
			if m.isAncestor(c, o) {
				implied = true
				break
			}
		}
		if !implied {
			out = append(out, c)
		}
	}
	return out
}

// applyStamp is HeadMaintainer.update_to_step for a StampStep. A step with an empty side
// is Alembic's "branch move" (delete to base, or insert a new branch).
func (m *Map) applyStamp(rows *rowSet, s Step) error {
	branchMove := len(s.From) == 0 || len(s.To) == 0
	switch {
	case !s.Up && branchMove:
		if len(s.From) != 1 {
			return fmt.Errorf("graph: stamp to base needs exactly one row, got %v", s.From)
		}
		return rows.delete(s.From[0])
	case s.Up && (branchMove || !rows.hasAll(s.From)) && !rows.hasAll(s.To):
		if len(s.To) != 1 {
			return fmt.Errorf("graph: stamp needs exactly one target, got %v", s.To)
		}
		return rows.insert(s.To[0])
	case len(s.From) > 1:
		for _, f := range s.From[:len(s.From)-1] {
			if err := rows.delete(f); err != nil {
				return err
			}
		}
		return rows.update(s.From[len(s.From)-1], s.To[0])
	case len(s.From) != 1 || len(s.To) != 1:
		return fmt.Errorf("graph: cannot stamp from %v to %v", s.From, s.To)
	}
	return rows.update(s.From[0], s.To[0])
}

// rowSet is the version table during planning, recording the operations.
type rowSet struct {
	rows []string
	ops  []VersionOp
}

func (r *rowSet) has(id string) bool { return slices.Contains(r.rows, id) }

func (r *rowSet) hasAll(ids []string) bool {
	for _, id := range ids {
		if !r.has(id) {
			return false
		}
	}
	return true
}

func (r *rowSet) insert(id string) error {
	if r.has(id) {
		return fmt.Errorf("graph: cannot insert version %s: already a row", id)
	}
	r.rows = append(r.rows, id)
	r.ops = append(r.ops, VersionOp{Kind: Insert, To: id})
	return nil
}

func (r *rowSet) delete(id string) error {
	i := slices.Index(r.rows, id)
	if i < 0 {
		return fmt.Errorf("graph: cannot delete version %s: not a row", id)
	}
	r.rows = slices.Delete(r.rows, i, i+1)
	r.ops = append(r.ops, VersionOp{Kind: Delete, From: id})
	return nil
}

func (r *rowSet) update(from, to string) error {
	i := slices.Index(r.rows, from)
	switch {
	case i < 0:
		return fmt.Errorf("graph: cannot update version %s to %s: %s is not a row", from, to, from)
	case r.has(to):
		return fmt.Errorf("graph: cannot update version %s to %s: %s is already a row", from, to, to)
	}
	r.rows[i] = to
	r.ops = append(r.ops, VersionOp{Kind: Update, From: from, To: to})
	return nil
}
