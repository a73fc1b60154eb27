package graph

import "errors"

// errTODO marks the API while the graph is being written; it disappears with the implementation.
var errTODO = errors.New("graph: not implemented yet")

// Map is a loaded revision graph.
type Map struct {
	nodes []*Node
	byID  map[string]*Node
}

// New loads revisions (in load order) into a Map, rejecting what Alembic rejects:
// duplicate ids, self-loops, cycles, dependency cycles, down_revision/depends_on naming a
// missing revision, and a branch label declared twice or equal to an id.
func New(revs []Revision) (*Map, error) { return nil, errTODO }

// Node returns the node with exactly this id, or nil.
func (m *Map) Node(id string) *Node { return m.byID[id] }

// Nodes returns every node in load order.
func (m *Map) Nodes() []*Node { return m.nodes }

// Heads returns the versioned heads (nothing names them in down_revision), load order.
func (m *Map) Heads() []string { return nil }

// RealHeads returns the heads that nothing names in down_revision or depends_on.
func (m *Map) RealHeads() []string { return nil }

// Bases returns the roots, load order.
func (m *Map) Bases() []string { return nil }

// Resolve is Alembic's singular resolver (get_revision): "" for base/None, one id, or an error.
func (m *Map) Resolve(id string) (string, error) { return "", errTODO }

// ResolveMany is Alembic's plural resolver (get_revisions): heads, label@head, -N, lists...
func (m *Map) ResolveMany(id string) ([]string, error) { return nil, errTODO }

// Upgrade plans `upgrade target` from the version rows current, in execution order.
func (m *Map) Upgrade(current []string, target string) ([]Step, error) { return nil, errTODO }

// Downgrade plans `downgrade target` from the version rows current, in execution order.
func (m *Map) Downgrade(current []string, target string) ([]Step, error) { return nil, errTODO }

// Stamp plans `stamp targets...` from the version rows current.
func (m *Map) Stamp(current []string, targets []string) ([]Step, error) { return nil, errTODO }

// Apply computes the alembic_version row changes of one step taken from the rows heads,
// exactly as Alembic's HeadMaintainer does, and the rows after it.
func (m *Map) Apply(heads []string, s Step) ([]VersionOp, []string, error) {
	return nil, nil, errTODO
}

// Current returns what `current` displays for the version rows: the branch tips of the rows
// and all their ancestors (dependencies included).
func (m *Map) Current(rows []string) []string { return nil }

// History returns the revisions of `history -r rng` newest first; current are the version
// rows, used when the range names `current`. An empty rng means the whole graph.
func (m *Map) History(rng string, current []string) ([]string, error) { return nil, errTODO }
