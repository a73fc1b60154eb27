package postgres

import (
	"os"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/retort-dev/retort/dialect"
)

// FuzzPostgresDSN: a parsed PostgreSQL URL survives the trip through the libpq DSN pgx
// reads: same user, password and database, whatever they hold (quotes, backslashes,
// white space).
func FuzzPostgresDSN(f *testing.F) {
	for _, s := range []string{
		"postgresql://scott:tiger@localhost:5432/mydb", "postgresql+psycopg2://u:p%40ss@h/d?sslmode=require",
		"postgres://u@[::1]:6543/d?application_name=x", "postgresql://u:p@ss@h/d", "postgresql://u:a b'c\\d@h/d",
		"postgresql://u:pw%09tab@h/d", "postgres:///\n",
	} {
		f.Add(s)
	}
	for _, k := range []string{"PGHOST", "PGPORT", "PGUSER", "PGPASSWORD", "PGDATABASE", "PGSERVICE", "PGSERVICEFILE", "PGPASSFILE"} {
		os.Unsetenv(k)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		u, err := dialect.ParseURL(raw)
		if err != nil || u.Dialect != "postgresql" {
			return
		}
		cfg, err := pgconn.ParseConfig(postgresDSN(u))
		if err != nil {
			return // a host or option libpq rejects: the driver reports it on connect
		}
		if (u.User != "" && cfg.User != u.User) || cfg.Password != u.Password || (u.Database != "" && cfg.Database != u.Database) {
			t.Fatalf("%q: DSN %q reads back user %q password %q database %q; want %q %q %q",
				raw, postgresDSN(u), cfg.User, cfg.Password, cfg.Database, u.User, u.Password, u.Database)
		}
	})
}
