package testdb

import (
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/go-sql-driver/mysql"
)

// DefaultMySQLURL is the MariaDB/MySQL server used when RETORT_TEST_MYSQL_URL is unset
// (a SQLAlchemy-style URL of an account that may create databases).
const DefaultMySQLURL = "mysql://root@127.0.0.1:3306/"

// MySQLServerURL returns the admin URL of the MySQL test server.
func MySQLServerURL() string {
	if u := os.Getenv("RETORT_TEST_MYSQL_URL"); u != "" {
		return u
	}
	return DefaultMySQLURL
}

// MySQL creates an empty database for t on the MySQL/MariaDB test server, drops it when
// t ends, and returns its URL as mysql+pymysql://user[:password]@host:port/name, usable
// by retort and by Alembic. Without a reachable server t is skipped with the reason,
// unless RETORT_REQUIRE_MYSQL=1 (set by CI), where it fails instead.
func MySQL(t testing.TB) string {
	t.Helper()
	admin := MySQLServerURL()
	cfg, err := mysqlAdminConfig(admin)
	if err != nil {
		t.Fatalf("RETORT_TEST_MYSQL_URL: %v", err)
	}
	var db *sql.DB
	conn, err := mysql.NewConnector(cfg)
	if err == nil {
		db = sql.OpenDB(conn)
	}
	name := server{what: "MySQL/MariaDB", admin: admin, require: "RETORT_REQUIRE_MYSQL",
		urlVar: "RETORT_TEST_MYSQL_URL"}.database(t, db, err)
	user := url.User(cfg.User)
	if cfg.Passwd != "" {
		user = url.UserPassword(cfg.User, cfg.Passwd)
	}
	return "mysql+pymysql://" + user.String() + "@" + cfg.Addr + "/" + name
}

// MySQLDSN returns the go-sql-driver/mysql DSN of a URL that MySQL returned, for a
// test's own connection (sql.Open("mysql", dsn)).
func MySQLDSN(t testing.TB, rawURL string) string {
	t.Helper()
	cfg, err := mysqlAdminConfig(rawURL)
	if err != nil {
		t.Fatal(err)
	}
	_, rest, _ := strings.Cut(rawURL, "://")
	_, cfg.DBName, _ = strings.Cut(rest, "/")
	return cfg.FormatDSN()
}

// mysqlAdminConfig reads the admin URL (mysql://user[:password]@host[:port]/) without
// the dialect package, which tests of the dialect itself import this one from.
func mysqlAdminConfig(raw string) (*mysql.Config, error) {
	_, rest, ok := strings.Cut(raw, "://")
	if !ok {
		return nil, fmt.Errorf("%s is not a mysql://user@host:port/ URL", redact(raw))
	}
	rest, _, _ = strings.Cut(rest, "/")
	cfg := mysql.NewConfig()
	if at := strings.LastIndexByte(rest, '@'); at >= 0 {
		user, pass, _ := strings.Cut(rest[:at], ":")
		var err error
		if cfg.User, err = url.PathUnescape(user); err != nil {
			return nil, fmt.Errorf("bad user name in %s", redact(raw))
		}
		if cfg.Passwd, err = url.PathUnescape(pass); err != nil {
			return nil, fmt.Errorf("bad password escape in %s", redact(raw))
		}
		rest = rest[at+1:]
	}
	if !strings.Contains(rest, ":") {
		rest += ":3306"
	}
	cfg.Net, cfg.Addr = "tcp", rest
	return cfg, nil
}
