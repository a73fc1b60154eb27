// Package testdb gives tests a fresh database of their own: Open(t, name) for any dialect
// (see Openers), and Postgres for a PostgreSQL database on the server named
// by RETORT_TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres).
// Without a reachable server the test is skipped with the reason, unless
// RETORT_REQUIRE_POSTGRES=1 (set by CI), where it fails instead.
package testdb

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // driver "pgx"
)

// DefaultURL is the server used when RETORT_TEST_POSTGRES_URL is unset.
const DefaultURL = "postgres://postgres@127.0.0.1:5432/postgres"

var counter atomic.Int64

// ServerURL returns the admin URL of the test server.
func ServerURL() string {
	if u := os.Getenv("RETORT_TEST_POSTGRES_URL"); u != "" {
		return u
	}
	return DefaultURL
}

// Postgres creates an empty database for t, drops it when t ends, and returns its URL
// (postgres:// form, usable by pgx and, as postgresql://, by retort).
func Postgres(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("skipping in -short mode: needs a PostgreSQL database (make test runs it)")
	}
	admin := ServerURL()
	db, err := sql.Open("pgx", admin)
	name := server{what: "PostgreSQL", admin: admin, require: "RETORT_REQUIRE_POSTGRES",
		urlVar: "RETORT_TEST_POSTGRES_URL", dropSuffix: " WITH (FORCE)"}.database(t, db, err)
	u, _ := url.Parse(admin)
	u.Path = "/" + name
	return u.String()
}

// server is a database server tests create their databases on.
type server struct {
	what, admin string
	require     string // the variable that makes an unreachable server a failure
	urlVar      string // the variable naming the admin URL
	dropSuffix  string // after DROP DATABASE IF EXISTS name
}

// database checks db, the server's admin connection (openErr: opening it failed), and
// creates a database for t, dropped (and db closed) when t ends; it returns its name. An
// unreachable server skips t, or fails it when the require variable is 1.
func (s server) database(t testing.TB, db *sql.DB, openErr error) string {
	t.Helper()
	err := openErr
	if err == nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		err = db.PingContext(ctx)
		cancel()
	}
	if err != nil {
		if db != nil {
			db.Close()
		}
		if os.Getenv(s.require) == "1" {
			t.Fatalf("%s required but not reachable at %s: %v", s.what, redact(s.admin), err)
		}
		t.Skipf("skipping: no %s server at %s (%v); set %s", s.what, redact(s.admin), err, s.urlVar)
	}
	name := fmt.Sprintf("retort_test_%d_%d_%d", os.Getpid(), time.Now().UnixNano()%1e6, counter.Add(1))
	if _, err := db.Exec("CREATE DATABASE " + name); err != nil {
		db.Close()
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		defer db.Close()
		if _, err := db.Exec("DROP DATABASE IF EXISTS " + name + s.dropSuffix); err != nil {
			t.Errorf("drop test database %s: %v", name, err)
		}
	})
	return name
}

func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparseable URL)"
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "XXXXX")
	}
	return u.String()
}
