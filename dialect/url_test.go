package dialect_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/retort-dev/retort/dialect"
	_ "github.com/retort-dev/retort/dialect/all"
)

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
		if got := dialect.Redact(in); got != want {
			t.Errorf("dialect.Redact(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestURLErrors(t *testing.T) {
	tests := []struct{ url, want string }{
		{"mssql+pyodbc://u:hunter2@h/d", `unsupported database "mssql+pyodbc" in URL mssql+pyodbc://u:XXXXX@h/d`},
		{"oracle://u:hunter2@h/d", `unsupported database "oracle"`},
		{"postgresql://u:hun%zzter2@h/d", "bad percent-escape in the password of URL postgresql://u:XXXXX@h/d"},
		{"postgresql://u:hunter2@h/d?a=%zz", "bad query string in URL postgresql://u:XXXXX@h/d?a=%zz"},
		{"hunter2", `cannot parse database URL "hunter2"`},
	}
	for _, tt := range tests {
		_, err := dialect.ParseURL(tt.url)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("dialect.ParseURL(%q) error = %v, want it to contain %q", tt.url, err, tt.want)
			continue
		}
		if tt.url != "hunter2" && strings.Contains(err.Error(), "hunter2") {
			t.Errorf("dialect.ParseURL(%q) error leaks the password: %v", tt.url, err)
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
		_, _, err := dialect.Open(ctx, url)
		if err == nil {
			t.Fatalf("dialect.Open(%s) succeeded", dialect.Redact(url))
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
	db, d, err := dialect.Open(ctx, "sqlite:///rel.db")
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
	if want, _ := dialect.ForURL("sqlite://"); d != want {
		t.Errorf("dialect %s", d.Name())
	}

	// An in-memory database must survive across statements on the pool.
	mem, _, err := dialect.Open(ctx, "sqlite://")
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

// TestPasswords: the password as written and %-decoded, also with '/', '#', '?' or '@'
// in it, and for a dialect that is not registered.
func TestPasswords(t *testing.T) {
	for raw, want := range map[string][]string{
		"postgresql://u:sekrit@127.0.0.1:1/none":   {"sekrit"},
		"postgresql://u:se/cr#et?x@127.0.0.1/none": {"se/cr#et?x"},
		"postgresql://u:a@b@127.0.0.1/none":        {"a@b"},
		"oracle://u:p%40ss@db/x":                   {"p%40ss", "p@ss"},
		"postgresql://u@127.0.0.1/none":            nil,
		"sqlite:///x.db":                           nil,
	} {
		if got := dialect.Passwords(raw); !slices.Equal(got, want) {
			t.Errorf("Passwords(%q) = %q, want %q", raw, got, want)
		}
	}
}
