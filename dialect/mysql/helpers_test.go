package mysql

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/go-sql-driver/mysql"
)

var dbCounter atomic.Int64

// openTestDB creates an empty database on the MariaDB/MySQL test server for t, dropped
// when t ends, and returns a handle on it.
func openTestDB(t testing.TB) *sql.DB {
	t.Helper()
	server := os.Getenv("RETORT_TEST_MYSQL_DSN")
	if server == "" {
		server = "root@tcp(127.0.0.1:3306)/"
	}
	admin, err := sql.Open("mysql", server)
	if err == nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		err = admin.PingContext(ctx)
		cancel()
	}
	if err != nil {
		if os.Getenv("RETORT_REQUIRE_MYSQL") == "1" {
			t.Fatalf("MySQL required but not reachable: %v", err)
		}
		t.Skipf("skipping: no MySQL/MariaDB server (%v)", err)
	}
	name := fmt.Sprintf("retort_mstest_%d_%d", os.Getpid(), dbCounter.Add(1))
	if _, err := admin.Exec("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci"); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("mysql", server+name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		db.Close()
		if _, err := admin.Exec("DROP DATABASE IF EXISTS " + name); err != nil {
			t.Errorf("drop %s: %v", name, err)
		}
		admin.Close()
	})
	return db
}

func execAll(t testing.TB, db *sql.DB, stmts ...string) {
	t.Helper()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%v\n%s", err, s)
		}
	}
}
