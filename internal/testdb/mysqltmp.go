package testdb

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"testing"
	"time"

	_ "github.com/go-sql-driver/mysql" // driver "mysql"
)

// MySQLDSN creates an empty database (utf8mb4, utf8mb4_general_ci) for t on the MariaDB/MySQL
// test server (go-sql-driver DSN in RETORT_TEST_MYSQL_DSN, default root@tcp(127.0.0.1:3306)/),
// drops it when t ends, and returns its go-sql-driver DSN. Without a reachable server t is
// skipped, unless RETORT_REQUIRE_MYSQL=1. Temporary: replaced by the shared opener.
func MySQLDSN(t testing.TB) string {
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
		t.Skipf("skipping: no MySQL/MariaDB server (%v); set RETORT_TEST_MYSQL_DSN", err)
	}
	name := fmt.Sprintf("retort_test_%d_%d_%d", os.Getpid(), time.Now().UnixNano()%1e6, counter.Add(1))
	if _, err := admin.Exec("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci"); err != nil {
		admin.Close()
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		defer admin.Close()
		if _, err := admin.Exec("DROP DATABASE IF EXISTS " + name); err != nil {
			t.Errorf("drop test database %s: %v", name, err)
		}
	})
	return server + name
}
