// Package graph holds the revision DAG and Alembic's semantics over it: heads, bases,
// branch and merge points, branch labels, depends_on, the revision identifier grammar,
// the ordered steps of upgrade, downgrade and stamp, and the alembic_version row changes
// each step makes. It is pure: it takes and returns plain values and does no I/O.
//
// The semantics are Alembic 1.8.1's (alembic/script/revision.py, the target handling of
// ScriptDirectory and the HeadMaintainer of alembic/runtime/migration.py), including its
// deterministic step order. Resolvers and Iterate return Alembic's graph-level errors
// (ResolutionError, MultipleHeads, ...); the command-level planners (Upgrade, Downgrade,
// Stamp, History) return *CommandError with the text Alembic prints after "FAILED: ",
// and ToCommandError converts the former into the latter.
package graph

// Revision is one revision as declared in its file, before any graph analysis.
type Revision struct {
	ID           string
	Down         []string // down_revision entries in declared order; empty for a root
	BranchLabels []string // labels declared by this revision
	DependsOn    []string // depends_on entries as declared (ids, prefixes or labels)
}

// Node is a revision inside a loaded Map, with what the graph derives for it.
type Node struct {
	Revision
	// Dependencies are DependsOn resolved to revision ids.
	Dependencies []string
	// NormalizedDown is Down plus the dependencies not already implied by an ancestor's
	// dependencies (Alembic's _normalized_down_revisions).
	NormalizedDown []string
	// Labels are the effective branch labels after propagation, sorted.
	Labels []string
	// Children are the revisions naming this one in their down_revision, load order.
	Children []string
	// Dependents are the revisions naming this one in their depends_on, load order.
	Dependents []string
	// Index is the position in load order.
	Index int
}

// IsHead reports whether nothing names this revision in down_revision (a "versioned" head).
func (n *Node) IsHead() bool { return len(n.Children) == 0 }

// IsRealHead reports whether nothing names this revision in down_revision or depends_on.
func (n *Node) IsRealHead() bool { return len(n.Children) == 0 && len(n.Dependents) == 0 }

// IsBase reports whether the revision has no down_revision.
func (n *Node) IsBase() bool { return len(n.Down) == 0 }

// IsBranchPoint reports whether two or more revisions name this one in down_revision.
func (n *Node) IsBranchPoint() bool { return len(n.Children) > 1 }

// IsMergePoint reports whether the revision has two or more down_revision entries.
func (n *Node) IsMergePoint() bool { return len(n.Down) > 1 }

// OpKind is the kind of a change to the alembic_version table.
type OpKind int

const (
	Insert OpKind = iota + 1
	Update
	Delete
)

func (k OpKind) String() string {
	switch k {
	case Insert:
		return "INSERT"
	case Update:
		return "UPDATE"
	case Delete:
		return "DELETE"
	}
	return "?"
}

// VersionOp is one row change of alembic_version. Insert uses To, Delete uses From,
// Update moves From to To.
type VersionOp struct {
	Kind     OpKind
	From, To string
}

// Step is one unit of an upgrade, downgrade or stamp plan, in execution order.
type Step struct {
	// Revision is the revision whose upgrade or downgrade body runs; empty for a stamp step.
	Revision string
	// Up is true for an upgrade step (and for a stamp step moving up).
	Up bool
	// Stamp marks a stamp pseudo-step: no body runs, only the version rows move.
	Stamp bool
	// From and To are the revision ids shown in the log line
	// ("Running upgrade <From> -> <To>"), each joined with ", ".
	From, To []string
}
