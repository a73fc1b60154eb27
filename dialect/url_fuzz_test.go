package dialect

import (
	"strings"
	"testing"

	"github.com/retort-dev/retort/internal/fuzzcheck"
)

// FuzzParseURL: any database URL parses or fails with one line that does not show the
// password, and Redact hides the password and is idempotent. (The dialects fuzz what
// they make of a parsed URL: FuzzPostgresDSN, FuzzSQLiteDSN.)
func FuzzParseURL(f *testing.F) {
	for _, s := range []string{
		"postgresql://scott:tiger@localhost:5432/mydb", "postgresql+psycopg2://u:p%40ss@h/d?sslmode=require",
		"postgres://u@[::1]:6543/d?application_name=x", "postgresql://u:p@ss@h/d", "postgresql://u:a b'c\\d@h/d",
		"sqlite:///rel.db", "sqlite:////abs/x?y#z.db", "sqlite://", "sqlite:///:memory:?mode=ro", "mysql://u:p@h/d",
		"postgresql://u:pw@h/d?a=%zz", "postgresql://u:%zzpw@h/d", "not a url with a p@ssword",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		pass := rawPassword(raw)
		if strings.Count(raw, pass) != 1 {
			pass = "" // also elsewhere in the URL: cannot tell a leak from the rest
		}
		red := Redact(raw)
		fuzzcheck.NotContains(t, "Redact", red, pass)
		if again := Redact(red); again != red {
			t.Fatalf("Redact not idempotent: %q -> %q -> %q", raw, red, again)
		}
		_, err := ParseURL(raw)
		if !fuzzcheck.HasBreak(raw) {
			fuzzcheck.OneLine(t, err)
		}
		if err != nil {
			fuzzcheck.NotContains(t, "the error", err.Error(), pass)
		}
	})
}

// rawPassword is the text between the first ':' after "://" and the last '@' before the
// path, as typed; "" when the URL has none.
func rawPassword(raw string) string {
	_, rest, ok := strings.Cut(raw, "://")
	if !ok {
		return ""
	}
	if i := strings.IndexAny(rest, "/?"); i >= 0 {
		rest = rest[:i]
	}
	at := strings.LastIndexByte(rest, '@')
	if at < 0 {
		return ""
	}
	_, pass, ok := strings.Cut(rest[:at], ":")
	if !ok {
		return ""
	}
	return pass
}
