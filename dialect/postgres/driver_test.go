package postgres

import (
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/retort-dev/retort/dialect"
)

func TestParseURLToDSN(t *testing.T) {
	for _, k := range []string{"PGHOST", "PGPORT", "PGUSER", "PGPASSWORD", "PGDATABASE"} {
		t.Setenv(k, "")
	}
	tests := []struct {
		url, dialect, dsn string
	}{
		{"postgresql://scott:tiger@localhost:5432/mydb", "postgresql",
			"dbname=mydb host=localhost password=tiger port=5432 user=scott"},
		{"postgresql+psycopg2://scott:tiger@db.example.com/mydb?sslmode=require&connect_timeout=10", "postgresql",
			"connect_timeout=10 dbname=mydb host=db.example.com password=tiger sslmode=require user=scott"},
		{"postgresql+asyncpg://u:p@h/d?ssl=require&prepared_statement_cache_size=0", "postgresql",
			"dbname=d host=h password=p sslmode=require user=u"},
		{"postgres://u@h:6543/d?client_encoding=utf8&application_name=x&executemany_mode=values", "postgresql",
			"application_name=x client_encoding=utf8 dbname=d host=h port=6543 user=u"},
		{"postgresql://u:p%40ss%2Fword@h/d", "postgresql",
			"dbname=d host=h password=p@ss/word user=u"},
		{"postgresql://u:raw/p#ss@h/d", "postgresql", // SQLAlchemy takes the password up to '@'
			"dbname=d host=h password=raw/p#ss user=u"},
		{"postgresql://u:it's me@h/d", "postgresql",
			`dbname=d host=h password='it\'s me' user=u`},
		{"postgresql://u@/d?host=/var/run/postgresql", "postgresql",
			"dbname=d host=/var/run/postgresql user=u"},
		{"postgresql://u@[::1]:5433/d", "postgresql", "dbname=d host=::1 port=5433 user=u"},
		{"postgresql://", "postgresql", ""},
		{"postgresql://u@h/d?options=-csearch_path%3Dapp&target_session_attrs=read-write", "postgresql",
			"dbname=d host=h options=-csearch_path=app target_session_attrs=read-write user=u"},
	}
	for _, tt := range tests {
		u, err := dialect.ParseURL(tt.url)
		if err != nil {
			t.Errorf("dialect.ParseURL(%q): %v", tt.url, err)
			continue
		}
		dsn := postgresDSN(u)
		if u.Dialect != tt.dialect || dsn != tt.dsn {
			t.Errorf("dialect.ParseURL(%q) = %s %q, want %s %q", tt.url, u.Dialect, dsn, tt.dialect, tt.dsn)
		}
		// pgx must read the DSN back as the URL meant it.
		cfg, err := pgconn.ParseConfig(dsn)
		if err != nil {
			t.Errorf("pgx cannot parse %q: %v", dsn, err)
		} else if (u.Password != "" && cfg.Password != u.Password) || (u.User != "" && cfg.User != u.User) || (u.Database != "" && cfg.Database != u.Database) {
			t.Errorf("pgx reads %q as user %q password %q database %q", dsn, cfg.User, cfg.Password, cfg.Database)
		}
	}
}

func TestPostgresEnvFallback(t *testing.T) {
	t.Setenv("PGHOST", "envhost")
	t.Setenv("PGPORT", "7777")
	t.Setenv("PGUSER", "envuser")
	t.Setenv("PGPASSWORD", "envpass")
	t.Setenv("PGDATABASE", "envdb")
	for url, want := range map[string]string{
		"postgresql://":                   "dbname=envdb host=envhost password=envpass port=7777 user=envuser",
		"postgresql://me:pw@there:1/mine": "dbname=mine host=there password=pw port=1 user=me",
		"postgresql://me@/mine":           "dbname=mine host=envhost password=envpass port=7777 user=me",
	} {
		u, err := dialect.ParseURL(url)
		if err != nil {
			t.Fatal(err)
		}
		if got := postgresDSN(u); got != want {
			t.Errorf("%s: got %q, want %q", url, got, want)
		}
	}
}
