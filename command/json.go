package command

import (
	"encoding/json"
	"io"

	"github.com/retort-dev/retort/runner"
)

// The --json documents. Field names are stable: docs/json.md describes them and
// docs/json.schema.json is their JSON Schema. Lists are never null; new fields may be
// added, none renamed or removed.

// RevisionJSON is one revision in heads, history, show and current documents.
type RevisionJSON struct {
	Revision      string   `json:"revision"`
	DownRevisions []string `json:"down_revisions"`
	BranchLabels  []string `json:"branch_labels"`
	DependsOn     []string `json:"depends_on"`
	Message       string   `json:"message"`
	Path          string   `json:"path"`
	CreateDate    string   `json:"create_date"`
	IsHead        bool     `json:"is_head"`
	IsBranchPoint bool     `json:"is_branch_point"`
	IsMergePoint  bool     `json:"is_merge_point"`
	// IsCurrent is set only where the database was read (history -i).
	IsCurrent *bool `json:"is_current,omitempty"`
}

// HeadsJSON is `heads --json`.
type HeadsJSON struct {
	Heads []RevisionJSON `json:"heads"`
}

// RevisionsJSON is `history --json` (newest first) and `show --json`.
type RevisionsJSON struct {
	Revisions []RevisionJSON `json:"revisions"`
}

// CurrentJSON is `current --json`: the database (password masked), its version-table
// rows as stored, and the revisions `current` prints.
type CurrentJSON struct {
	Database string         `json:"database"`
	Rows     []string       `json:"rows"`
	Current  []RevisionJSON `json:"current"`
}

// CheckJSON is `check --json`; the exit status is 1 when up_to_date is false.
type CheckJSON struct {
	UpToDate    bool     `json:"up_to_date"`
	Operations  []string `json:"operations"`
	Unsupported []string `json:"unsupported"`
}

// PlanJSON is `upgrade/downgrade --json` with --sql (offline: from the range's start) or
// --dry-run (from the database's rows, which are read and not changed).
type PlanJSON struct {
	Command  string     `json:"command"` // "upgrade" or "downgrade"
	Target   string     `json:"target"`
	Mode     string     `json:"mode"`     // "sql" or "dry-run"
	Database string     `json:"database"` // the URL, password masked
	From     []string   `json:"from"`     // version rows the plan starts from
	Steps    []StepJSON `json:"steps"`
	// SQL is the script --sql prints (mode "sql" only).
	SQL string `json:"sql,omitempty"`
}

// StepJSON is one step of a plan, in order.
type StepJSON struct {
	Revision      string   `json:"revision"`
	Direction     string   `json:"direction"` // "upgrade" or "downgrade"
	From          []string `json:"from"`      // as in "Running upgrade <from> -> <to>"
	To            []string `json:"to"`
	Message       string   `json:"message"`
	Path          string   `json:"path"`
	Transactional bool     `json:"transactional"`
}

func writeJSON(w io.Writer, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(data, '\n'))
	return err
}

// list is s, or an empty list in place of nil.
func list(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// revisionJSON describes revision id; current (may be nil) marks the database's rows.
func (p *Project) revisionJSON(id string, current map[string]bool) RevisionJSON {
	n, f := p.Map.Node(id), p.File(id)
	r := RevisionJSON{
		Revision: id, DownRevisions: list(n.Down), BranchLabels: list(n.Labels),
		DependsOn: list(f.DependsOn), Message: f.Message, Path: f.Path, CreateDate: f.CreateDate,
		IsHead: n.IsHead(), IsBranchPoint: n.IsBranchPoint(), IsMergePoint: n.IsMergePoint(),
	}
	if current != nil {
		c := current[id]
		r.IsCurrent = &c
	}
	return r
}

func (p *Project) revisionsJSON(ids []string, current map[string]bool) []RevisionJSON {
	out := make([]RevisionJSON, 0, len(ids))
	for _, id := range ids {
		out = append(out, p.revisionJSON(id, current))
	}
	return out
}

// stepsJSON describes the steps of runner migrations.
func stepsJSON(migs []runner.Migration) []StepJSON {
	out := make([]StepJSON, 0, len(migs))
	for _, m := range migs {
		dir := "downgrade"
		if m.Step.Up {
			dir = "upgrade"
		}
		out = append(out, StepJSON{Revision: m.Step.Revision, Direction: dir, From: list(m.Step.From),
			To: list(m.Step.To), Message: m.Doc, Path: m.Path, Transactional: m.Transactional})
	}
	return out
}
