package main

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
)

func TestNormalizeArgs(t *testing.T) {
	tests := []struct{ in, want string }{
		{"downgrade -1", "downgrade -- -1"},
		{"downgrade -1 --sql", "downgrade --sql -- -1"},
		{"downgrade base --sql --tag t", "downgrade --sql --tag t -- base"},
		{"downgrade --sql -2:base", "downgrade --sql -- -2:base"},
		{"history -r=-2:", "history -r=-2:"},
		{"history --rev-range=-2:c -v", "history --rev-range=-2:c -v"},
		{"history -r -2:c", "history -r -2:c"},
		{"-c f.ini -x url=sqlite:// -n db2 upgrade head", "-c f.ini -x url=sqlite:// -n db2 upgrade -- head"},
		{"show -1", "show -- -1"},
		{"merge -m msg a b --rev-id x", "merge -m msg --rev-id x -- a b"},
		{"heads --nosuch", "heads --nosuch"},
		{"stamp a -- -b", "stamp -- a -b"},
		{"--version", "--version"},
		{"nosuch -1", "nosuch -1"},
	}
	app := newApp(&bytes.Buffer{}, &bytes.Buffer{})
	for _, tt := range tests {
		got := normalizeArgs(app, append([]string{"retort"}, strings.Fields(tt.in)...))
		if want := append([]string{"retort"}, strings.Fields(tt.want)...); !slices.Equal(got, want) {
			t.Errorf("normalizeArgs(%q) = %q, want %q", tt.in, got, want)
		}
	}
}

// TestRunNegativeRevision checks that `-1` reaches the command as its argument: the run
// fails on the missing ini (status 1), not on flag parsing (status 2).
func TestRunNegativeRevision(t *testing.T) {
	for _, args := range [][]string{{"downgrade", "-1"}, {"downgrade", "-1", "--sql"}, {"show", "-1"}, {"history", "-r=-2:"}} {
		var out, errb bytes.Buffer
		code := run(context.Background(), append([]string{"retort", "-c", "no-such.ini"}, args...), &out, &errb)
		if code != 1 || !strings.HasPrefix(errb.String(), "FAILED: ") || strings.Count(errb.String(), "\n") != 1 {
			t.Errorf("%v: exit %d, stderr %q; want exit 1 and one FAILED line", args, code, errb.String())
		}
	}
}

// TestRunOneLine: a message carrying line breaks (here an identifier typed with one) is
// still one FAILED line, the breaks escaped.
func TestRunOneLine(t *testing.T) {
	var out, errb bytes.Buffer
	code := run(context.Background(), []string{"retort", "-c", "no\nsuch\r.ini", "heads"}, &out, &errb)
	if want := "FAILED: No config file 'no\\nsuch\\r.ini' found, or file has no '[alembic]' section\n"; code != 1 || errb.String() != want {
		t.Errorf("exit %d, stderr %q; want %q", code, errb.String(), want)
	}
}
