package dialect

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
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
		{"sqlite:///relative.db", "sqlite", "file:relative.db?_busy_timeout=30000&_txlock=immediate"},
		{"sqlite:///sub/dir/app.db?mode=ro&check_same_thread=false", "sqlite",
			"file:sub/dir/app.db?_busy_timeout=30000&_txlock=immediate&mode=ro"},
		{"sqlite:////abs/path/app.db", "sqlite", "file:/abs/path/app.db?_busy_timeout=30000&_txlock=immediate"},
		{"sqlite+pysqlite:////tmp/a#b%.db", "sqlite", "file:/tmp/a%23b%25.db?_busy_timeout=30000&_txlock=immediate"},
		{"sqlite:////tmp/what?.db", "sqlite", "file:/tmp/what?_busy_timeout=30000&_txlock=immediate"}, // SQLAlchemy: the query starts at '?'
		{"sqlite://", "sqlite", "file::memory:?_busy_timeout=30000&_txlock=immediate"},
		{"sqlite:///:memory:", "sqlite", "file::memory:?_busy_timeout=30000&_txlock=immediate"},
	}
	for _, tt := range tests {
		u, err := ParseURL(tt.url)
		if err != nil {
			t.Errorf("ParseURL(%q): %v", tt.url, err)
			continue
		}
		var dsn string
		if u.Dialect == "sqlite" {
			dsn, _ = sqliteDSN(u, sqliteBusyMillis)
		} else {
			dsn = postgresDSN(u)
		}
		if u.Dialect != tt.dialect || dsn != tt.dsn {
			t.Errorf("ParseURL(%q) = %s %q, want %s %q", tt.url, u.Dialect, dsn, tt.dialect, tt.dsn)
		}
		if u.Dialect == "postgresql" {
			// pgx must read the DSN back as the URL meant it.
			cfg, err := pgconn.ParseConfig(dsn)
			if err != nil {
				t.Errorf("pgx cannot parse %q: %v", dsn, err)
			} else if (u.Password != "" && cfg.Password != u.Password) || (u.User != "" && cfg.User != u.User) || (u.Database != "" && cfg.Database != u.Database) {
				t.Errorf("pgx reads %q as user %q password %q database %q", dsn, cfg.User, cfg.Password, cfg.Database)
			}
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
		u, err := ParseURL(url)
		if err != nil {
			t.Fatal(err)
		}
		if got := postgresDSN(u); got != want {
			t.Errorf("%s: got %q, want %q", url, got, want)
		}
	}
}

func TestRedact(t *testing.T) {
	tests := map[string]string{
		"postgresql://scott:tiger@localhost/db":    "postgresql://scott:XXXXX@localhost/db",
		"postgresql+psycopg2://u:a/b#c@h:5432/d?x": "postgresql+psycopg2://u:XXXXX@h:5432/d?x",
		"postgresql://u@h/d":                       "postgresql://u@h/d",
		"postgresql://u:p@ss@w@h/d?x=a@b":          "postgresql://u:XXXXX@h/d?x=a@b",
		"sqlite:///app.db":                         "sqlite:///app.db",
		"not a url at all":                         "not a url at all",
		"garbage with user:pw@host":                "(unparseable URL)",
	}
	for in, want := range tests {
		if got := Redact(in); got != want {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestURLErrors(t *testing.T) {
	tests := []struct{ url, want string }{
		{"mysql+pymysql://u:hunter2@h/d", `unsupported database "mysql+pymysql" in URL mysql+pymysql://u:XXXXX@h/d`},
		{"oracle://u:hunter2@h/d", `unsupported database "oracle"`},
		{"postgresql://u:hun%zzter2@h/d", "bad percent-escape in the password of URL postgresql://u:XXXXX@h/d"},
		{"postgresql://u:hunter2@h/d?a=%zz", "bad query string in URL postgresql://u:XXXXX@h/d?a=%zz"},
		{"hunter2", `cannot parse database URL "hunter2"`},
	}
	for _, tt := range tests {
		_, err := ParseURL(tt.url)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseURL(%q) error = %v, want it to contain %q", tt.url, err, tt.want)
			continue
		}
		if tt.url != "hunter2" && strings.Contains(err.Error(), "hunter2") {
			t.Errorf("ParseURL(%q) error leaks the password: %v", tt.url, err)
		}
	}
}

// TestOpenErrorHidesPassword connects to a port nothing listens on, with the password
// appearing in both the URL and the driver's view of the connection.
func TestOpenErrorHidesPassword(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for _, url := range []string{
		"postgresql://retort:s3cr3tPW@127.0.0.1:1/db?connect_timeout=2",
		"postgresql+psycopg2://retort:s3cr3tPW@localhost:1/db",
	} {
		_, _, err := Open(ctx, url)
		if err == nil {
			t.Fatalf("Open(%s) succeeded", Redact(url))
		}
		if strings.Contains(err.Error(), "s3cr3tPW") {
			t.Errorf("error leaks password: %v", err)
		}
		if strings.Contains(err.Error(), "\n") {
			t.Errorf("error is not one line: %q", err)
		}
		if !strings.Contains(err.Error(), "XXXXX") {
			t.Errorf("error does not show the redacted URL: %v", err)
		}
	}
}

func TestOpenSQLite(t *testing.T) {
	dir := t.TempDir()
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	ctx := context.Background()
	db, d, err := Open(ctx, "sqlite:///rel.db")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE t (x int)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := os.Stat(filepath.Join(dir, "rel.db")); err != nil {
		t.Errorf("sqlite:///rel.db did not create rel.db in the current directory: %v", err)
	}
	if d.Name() != "sqlite" {
		t.Errorf("dialect %s", d.Name())
	}

	// An in-memory database must survive across statements on the pool.
	mem, _, err := Open(ctx, "sqlite://")
	if err != nil {
		t.Fatal(err)
	}
	defer mem.Close()
	if _, err := mem.Exec("CREATE TABLE t (x int)"); err != nil {
		t.Fatal(err)
	}
	ok, err := d.HasTable(ctx, mem, "", "t")
	if err != nil || !ok {
		t.Errorf("in-memory table lost: %v %v", ok, err)
	}
}
