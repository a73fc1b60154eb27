package verify

import (
	"slices"
	"testing"

	"github.com/retort-dev/retort/schema"
)

// altersConstraints is the part of a dialect DriftLines uses.
type altersConstraints bool

func (a altersConstraints) AltersConstraints() bool { return bool(a) }

func TestDriftLines(t *testing.T) {
	col := func(name, typ, def string) *schema.Column { return &schema.Column{Name: name, Type: typ, Default: def} }
	replay := &schema.Schema{
		Tables: []*schema.Table{
			{Name: "account", Columns: []*schema.Column{col("id", "integer", ""), col("status", "text", "'a'")},
				Indexes: []*schema.Index{{Name: "ix_status", Def: "USING btree (status)", Columns: []string{"status"}}}},
			{Name: "gone", Columns: []*schema.Column{col("id", "integer", "")}},
		},
		Unsupported: []*schema.Object{{Kind: "view", Name: "v", Definition: "SELECT 1"}},
	}
	live := &schema.Schema{
		Tables: []*schema.Table{
			{Name: "account", Columns: []*schema.Column{col("id", "integer", ""), col("status", "text", "'b'"), col("extra", "text", "")}},
			{Name: "hand_made", Columns: []*schema.Column{col("id", "integer", "")}},
		},
		Unsupported: []*schema.Object{{Kind: "view", Name: "v", Definition: "SELECT 2"}, {Kind: "function", Name: "f()", Definition: "x"}},
	}
	got := DriftLines(altersConstraints(true), replay, live)
	want := []string{
		"table hand_made is in the database but not in the history",
		"column account.extra is in the database but not in the history",
		"column account.status differs (history -> database): default 'a' -> 'b'",
		"index ix_status on account is in the history but missing from the database",
		"table gone is in the history but missing from the database",
		"view v differs",
		"function f() is in the database but not in the history",
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
	if lines := DriftLines(altersConstraints(true), replay, replay); len(lines) != 0 {
		t.Errorf("a schema drifts from itself: %q", lines)
	}
}

func TestProblemString(t *testing.T) {
	p := Problem{Kind: BrokenDowngrade, Revision: "v3", Path: "versions/v3_x.sql", Detail: "drop index ix on a"}
	if got := p.String(); got != "broken-downgrade v3 (versions/v3_x.sql): drop index ix on a" {
		t.Error(got)
	}
	if got := (Problem{Kind: Drift, Detail: "table t is in the database but not in the history"}).String(); got != "drift: table t is in the database but not in the history" {
		t.Error(got)
	}
}
