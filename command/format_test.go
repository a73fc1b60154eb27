package command

import (
	"testing"

	"github.com/retort-dev/retort/graph"
	"github.com/retort-dev/retort/revision"
)

// testProject builds a Project from in-memory files: a -> b -> {c, d}; e is a root that c
// depends on (an effective head); d carries the label "lib".
func testProject(t *testing.T) *Project {
	t.Helper()
	files := []*revision.File{
		{Revision: graph.Revision{ID: "a"}, Path: "/p/a.sql", Format: revision.SQL, Doc: "first", Message: "first", CreateDate: "2026-11-21 10:00:00"},
		{Revision: graph.Revision{ID: "b", Down: []string{"a"}}, Path: "/p/b.sql", Format: revision.SQL, Doc: "second\n\nmore words", Message: "second"},
		{Revision: graph.Revision{ID: "c", Down: []string{"b"}, DependsOn: []string{"e"}}, Path: "/p/c.sql", Format: revision.SQL},
		{Revision: graph.Revision{ID: "d", Down: []string{"b"}, BranchLabels: []string{"lib"}}, Path: "/p/d.py", Format: revision.Python, Doc: "py doc\n\nRevision ID: d", Message: "py doc"},
		{Revision: graph.Revision{ID: "e"}, Path: "/p/e.sql", Format: revision.SQL, Doc: "root e", Message: "root e"},
	}
	revs := make([]graph.Revision, len(files))
	byID := map[string]*revision.File{}
	for i, f := range files {
		revs[i] = f.Revision
		byID[f.ID] = f
	}
	m, err := graph.New(revs)
	if err != nil {
		t.Fatal(err)
	}
	return &Project{Files: files, ByID: byID, Map: m}
}

func TestShort(t *testing.T) {
	p := testProject(t)
	all := shortOpts{parents: true, branches: true, tree: true, doc: true}
	tests := []struct {
		id      string
		o       shortOpts
		current map[string]bool
		want    string
	}{
		{"a", all, nil, "<base> -> a, first"},
		{"b", all, map[string]bool{"b": true}, "a -> b (current) (branchpoint), second"},
		{"c", all, nil, "b (e) -> c (head), "},
		{"d", all, nil, "b -> d (lib) (head), py doc"},
		{"d", shortOpts{branches: true}, nil, "d (lib) (head)"},
		{"e", all, map[string]bool{"e": true}, "<base> -> e (effective head) (current), root e"},
		{"b", shortOpts{}, nil, "b"},
	}
	for _, tt := range tests {
		if got := p.short(tt.id, tt.o, tt.current); got != tt.want {
			t.Errorf("short(%s, %+v) = %q, want %q", tt.id, tt.o, got, tt.want)
		}
	}
}

func TestVerbose(t *testing.T) {
	p := testProject(t)
	tests := []struct {
		id      string
		current map[string]bool
		want    string
	}{
		{"b", map[string]bool{"b": true}, "Rev: b (branchpoint) (current)\nParent: a\nBranches into: c, d\nPath: /p/b.sql\n\n" +
			"    second\n    \n    more words\n    \n    Revision ID: b\n    Revises: a\n"},
		{"c", nil, "Rev: c (head)\nParent: b\nAlso depends on: e\nPath: /p/c.sql\n\n    Revision ID: c\n    Revises: b\n"},
		{"d", nil, "Rev: d (head)\nParent: b\nBranch names: lib\nPath: /p/d.py\n\n    py doc\n    \n    Revision ID: d\n"},
		{"e", nil, "Rev: e (head)\nParent: <base>\nPath: /p/e.sql\n\n    root e\n    \n    Revision ID: e\n    Revises: \n"},
		{"a", nil, "Rev: a\nParent: <base>\nPath: /p/a.sql\n\n    first\n    \n    Revision ID: a\n    Revises: \n    Create Date: 2026-11-21 10:00:00\n"},
	}
	for _, tt := range tests {
		if got := p.verbose(tt.id, tt.current); got != tt.want {
			t.Errorf("verbose(%s) =\n%q\nwant\n%q", tt.id, got, tt.want)
		}
	}
}

// TestVerboseEmptyDoc: a .py revision without docstring leaves Alembic's two empty lines.
func TestVerboseEmptyDoc(t *testing.T) {
	p := testProject(t)
	p.ByID["d"].Doc = ""
	if got, want := p.verbose("d", nil), "Rev: d (head)\nParent: b\nBranch names: lib\nPath: /p/d.py\n\n\n"; got != want {
		t.Errorf("verbose = %q, want %q", got, want)
	}
}
