package dialect

import (
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/retort-dev/retort/internal/fuzzcheck"
)

// FuzzParseURL: any database URL parses or fails with one line that does not show the
// password; Redact hides the password and is idempotent; a parsed PostgreSQL URL
// survives the trip through the libpq DSN pgx reads (user, password, database), and a
// SQLite path survives the trip through its file: URI.
func FuzzParseURL(f *testing.F) {
	for _, s := range []string{
		"postgresql://scott:tiger@localhost:5432/mydb", "postgresql+psycopg2://u:p%40ss@h/d?sslmode=require",
		"postgres://u@[::1]:6543/d?application_name=x", "postgresql://u:p@ss@h/d", "postgresql://u:a b'c\\d@h/d",
		"sqlite:///rel.db", "sqlite:////abs/x?y#z.db", "sqlite://", "sqlite:///:memory:?mode=ro", "mysql://u:p@h/d",
		"postgresql://u:pw@h/d?a=%zz", "postgresql://u:%zzpw@h/d", "not a url with a p@ssword",
	} {
		f.Add(s)
	}
	for _, k := range []string{"PGHOST", "PGPORT", "PGUSER", "PGPASSWORD", "PGDATABASE", "PGSERVICE", "PGSERVICEFILE", "PGPASSFILE"} {
		os.Unsetenv(k)
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
		u, err := ParseURL(raw)
		if !fuzzcheck.HasBreak(raw) {
			fuzzcheck.OneLine(t, err)
		}
		if err != nil {
			fuzzcheck.NotContains(t, "the error", err.Error(), pass)
			return
		}
		switch u.Dialect {
		case "postgresql":
			cfg, err := pgconn.ParseConfig(postgresDSN(u))
			if err != nil {
				return // a host or option libpq rejects: the driver reports it on connect
			}
			if (u.User != "" && cfg.User != u.User) || cfg.Password != u.Password || (u.Database != "" && cfg.Database != u.Database) {
				t.Fatalf("%q: DSN %q reads back user %q password %q database %q; want %q %q %q",
					raw, postgresDSN(u), cfg.User, cfg.Password, cfg.Database, u.User, u.Password, u.Database)
			}
		case "sqlite":
			dsn, memory := sqliteDSN(u, 1)
			path, _, _ := strings.Cut(strings.TrimPrefix(dsn, "file:"), "?")
			got, err := url.PathUnescape(path)
			if !memory && (err != nil || got != u.Database) {
				t.Fatalf("%q: DSN %q names the file %q, want %q (%v)", raw, dsn, got, u.Database, err)
			}
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
