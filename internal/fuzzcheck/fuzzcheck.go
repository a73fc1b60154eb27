// Package fuzzcheck holds the invariants the fuzz targets of user-input parsers share:
// whatever the input, an error is one line (retort prints it as "FAILED: <message>")
// and never carries a secret.
package fuzzcheck

import (
	"strings"
	"testing"
)

// OneLine fails t unless err's message is one non-empty line.
func OneLine(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	msg := err.Error()
	if msg == "" {
		t.Fatalf("empty error message (%T)", err)
	}
	if HasBreak(msg) {
		t.Fatalf("error message spans lines: %q", msg)
	}
}

// HasBreak reports a line break (\n or \r) in s. A message may quote user input
// verbatim (Alembic quotes identifiers as typed); main escapes such breaks (and the rarer
// \v, \f, U+2028...), so targets skip OneLine for inputs that hold one.
func HasBreak(s string) bool {
	return strings.ContainsAny(s, "\n\r")
}

// NotContains fails t when s holds secret (a password), for secrets long enough to
// be told from ordinary text.
func NotContains(t *testing.T, what, s, secret string) {
	t.Helper()
	if len(secret) >= 4 && strings.Contains(s, secret) {
		t.Fatalf("%s shows the password %q: %q", what, secret, s)
	}
}
