package mysql

import (
	"context"
	"crypto/tls"
	"strings"
	"testing"
	"time"

	"github.com/retort-dev/retort/dialect"
)

func TestConfigFromURL(t *testing.T) {
	tests := []struct {
		url                       string
		user, pass, net, addr, db string
		params                    string // FormatDSN's query part, minus what every DSN has
	}{
		{"mysql://scott:tiger@localhost/test", "scott", "tiger", "tcp", "localhost:3306", "test", ""},
		{"mysql+pymysql://scott:tiger@db.example.com:3307/app?charset=utf8mb4", "scott", "tiger", "tcp", "db.example.com:3307", "app", "charset=utf8mb4"},
		{"mysql+mysqldb://u:p@h/d?charset=utf8mb4&binary_prefix=true", "u", "p", "tcp", "h:3306", "d", "charset=utf8mb4"},
		{"mysql+mysqlconnector://u@h/d?collation=utf8mb4_bin", "u", "", "tcp", "h:3306", "d", "collation=utf8mb4_bin"},
		{"mariadb://u:p@h/d", "u", "p", "tcp", "h:3306", "d", ""},
		{"mariadb+pymysql://u:p@h:3306/d?charset=utf8mb4&collation=utf8mb4_unicode_ci", "u", "p", "tcp", "h:3306", "d", "charset=utf8mb4&collation=utf8mb4_unicode_ci"},
		{"mariadb+mariadbconnector://u:p@127.0.0.1/d", "u", "p", "tcp", "127.0.0.1:3306", "d", ""},
		{"mysql+pymysql://u:p@/d?unix_socket=/run/mysqld/mysqld.sock", "u", "p", "unix", "/run/mysqld/mysqld.sock", "d", ""},
		{"mysql+pymysql://u:p%40ss%2Fword@h/d", "u", "p@ss/word", "tcp", "h:3306", "d", ""},
		{"mysql+pymysql://u:raw/p#ss@h/d", "u", "raw/p#ss", "tcp", "h:3306", "d", ""},
		{"mysql://u@[::1]:3307/d", "u", "", "tcp", "[::1]:3307", "d", ""},
		{"mysql://u@h/d?connect_timeout=10&read_timeout=2.5", "u", "", "tcp", "h:3306", "d", "readTimeout=2.5s&timeout=10s"},
		{"mysql://u@/d", "u", "", "tcp", "localhost:3306", "d", ""},
	}
	for _, tt := range tests {
		u, err := dialect.ParseURL(tt.url)
		if err != nil {
			t.Errorf("ParseURL(%q): %v", tt.url, err)
			continue
		}
		cfg, err := config(u)
		if err != nil {
			t.Errorf("config(%q): %v", tt.url, err)
			continue
		}
		_, params, _ := strings.Cut(cfg.FormatDSN(), "?")
		params = strings.TrimPrefix(strings.ReplaceAll(params, "clientFoundRows=true", ""), "&")
		if cfg.User != tt.user || cfg.Passwd != tt.pass || cfg.Net != tt.net || cfg.Addr != tt.addr || cfg.DBName != tt.db || params != tt.params {
			t.Errorf("config(%q) = user %q pass %q %s(%s) db %q params %q\nwant user %q pass %q %s(%s) db %q params %q",
				tt.url, cfg.User, cfg.Passwd, cfg.Net, cfg.Addr, cfg.DBName, params,
				tt.user, tt.pass, tt.net, tt.addr, tt.db, tt.params)
		}
		if !cfg.ClientFoundRows {
			t.Errorf("config(%q): ClientFoundRows off; an UPDATE must report matched rows as with SQLAlchemy", tt.url)
		}
	}
}

func TestConfigTLS(t *testing.T) {
	tests := []struct {
		query      string
		tls        bool
		skipVerify bool
		err        string
	}{
		{"", false, false, ""},
		{"ssl_mode=DISABLED", false, false, ""},
		{"ssl_mode=preferred", false, false, ""},
		{"ssl_mode=REQUIRED", true, true, ""},
		{"ssl_ca=/nonexistent/ca.pem", false, false, "ssl_ca: open /nonexistent/ca.pem"},
		{"ssl_ca=driver_test.go", false, false, "ssl_ca: no PEM certificate in driver_test.go"},
		{"ssl_mode=sometimes", false, false, `ssl_mode="SOMETIMES"`},
		{"connect_timeout=soon", false, false, `connect_timeout="soon": want a number of seconds`},
	}
	for _, tt := range tests {
		u, err := dialect.ParseURL("mysql+pymysql://u:secret@h/d?" + tt.query)
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := config(u)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%s: error %v, want it to contain %q", tt.query, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tt.query, err)
			continue
		}
		if (cfg.TLS != nil) != tt.tls || (cfg.TLS != nil && cfg.TLS.InsecureSkipVerify != tt.skipVerify) {
			t.Errorf("%s: TLS %+v, want tls=%v skipVerify=%v", tt.query, cfg.TLS, tt.tls, tt.skipVerify)
		}
		if cfg.TLS != nil && cfg.TLS.MinVersion < tls.VersionTLS12 {
			t.Errorf("%s: TLS below 1.2 allowed", tt.query)
		}
	}
}

// TestOpenHidesPassword: a failed connection names the URL with the password masked, and
// the driver's message never carries it.
func TestOpenHidesPassword(t *testing.T) {
	for _, raw := range []string{
		"mysql+pymysql://root:s3cr3t-pw@127.0.0.1:1/db",     // nothing listens on port 1
		"mysql+pymysql://nosuchuser:s3cr3t-pw@127.0.0.1/db", // refused by the server, or no server
		"mysql+pymysql://root:s3cr3t-pw@127.0.0.1/",         // no database
	} {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		db, _, err := dialect.Open(ctx, raw)
		cancel()
		if err == nil {
			db.Close()
			t.Errorf("open(%s) succeeded", dialect.Redact(raw))
			continue
		}
		if msg := err.Error(); strings.Contains(msg, "s3cr3t") || !strings.Contains(msg, "XXXXX") || strings.Contains(msg, "\n") {
			t.Errorf("open(%s): %q must be one line naming the URL without its password", dialect.Redact(raw), msg)
		}
	}
}

func TestQuoteIdentAndLiteral(t *testing.T) {
	var d Dialect
	for in, want := range map[string]string{
		"alembic_version": "alembic_version",
		"user_2":          "user_2",
		"MyTable":         "`MyTable`",
		"select":          "`select`",
		"2fa":             "`2fa`",
		"a b":             "`a b`",
		"a`b":             "`a``b`",
		"":                "``",
	} {
		for _, d := range []Dialect{{}, {MariaDB: true}} {
			if got := d.QuoteIdent(in); got != want {
				t.Errorf("%s: QuoteIdent(%q) = %s, want %s", d.Name(), in, got, want)
			}
		}
	}
	// Each server's own reserved words, as SQLAlchemy's two dialects quote them.
	for _, tt := range []struct{ name, mysql, mariadb string }{
		{"rank", "`rank`", "rank"}, {"offset", "offset", "`offset`"}, {"body", "body", "`body`"},
	} {
		if got := (Dialect{}).QuoteIdent(tt.name); got != tt.mysql {
			t.Errorf("mysql: QuoteIdent(%q) = %s, want %s", tt.name, got, tt.mysql)
		}
		if got := (Dialect{MariaDB: true}).QuoteIdent(tt.name); got != tt.mariadb {
			t.Errorf("mariadb: QuoteIdent(%q) = %s, want %s", tt.name, got, tt.mariadb)
		}
	}
	for in, want := range map[string]string{
		"plain":       "'plain'",
		"it's":        "'it''s'",
		`C:\temp\new`: `'C:\\temp\\new'`,
		`\'; DROP --`: `'\\''; DROP --'`,
		"line\nbreak": "'line\nbreak'",
		"":            "''",
	} {
		if got := d.Literal(in); got != want {
			t.Errorf("Literal(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestLockName(t *testing.T) {
	if got := lockName("app", "alembic_version"); got != "retort:app.alembic_version" {
		t.Errorf("lockName = %q", got)
	}
	long := lockName(strings.Repeat("d", 64), "alembic_version")
	if len(long) > maxLockName || !strings.HasPrefix(long, "retort:") {
		t.Errorf("lockName of a long name = %q (%d bytes)", long, len(long))
	}
	if long == lockName(strings.Repeat("d", 63), "alembic_version") {
		t.Error("two long names share one lock")
	}
}

func TestCommitsImplicitly(t *testing.T) {
	for sql, want := range map[string]bool{
		"CREATE TABLE t (id INT)":                       true,
		"create table t (id int)":                       true,
		"-- why\nCREATE INDEX i ON t (a)":               true,
		"# note\n/* c */ ALTER TABLE t ADD c INT":       true,
		"CREATE OR REPLACE VIEW v AS SELECT 1":          true,
		"CREATE TEMPORARY TABLE tt (id INT)":            false,
		"CREATE OR REPLACE TEMPORARY TABLE tt (id INT)": false,
		"DROP TEMPORARY TABLE tt":                       false,
		"DROP TABLE t":                                  true,
		"RENAME TABLE a TO b":                           true,
		"TRUNCATE TABLE t":                              true,
		"GRANT SELECT ON *.* TO u":                      true,
		"LOCK TABLES t WRITE":                           true,
		"LOAD INDEX INTO CACHE t":                       true,
		"LOAD DATA INFILE 'x' INTO TABLE t":             false,
		"SET PASSWORD = 'x'":                            true,
		"SET @a = 1":                                    false,
		"INSERT INTO t VALUES (1)":                      false,
		"UPDATE t SET a = 1":                            false,
		"DELETE FROM t":                                 false,
		"SELECT 1":                                      false,
		"-- only a comment":                             false,
		"/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`%`*/ /*!50003 TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET @a = 1 */": true,
		"/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */":                                                  false,
		"/* plain */ INSERT INTO t VALUES (1)":                                                                              false,
		"":                                                                                                                  false,
	} {
		if got := CommitsImplicitly(sql); got != want {
			t.Errorf("CommitsImplicitly(%q) = %v, want %v", sql, got, want)
		}
	}
}
