package mysql

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/go-sql-driver/mysql"

	"github.com/retort-dev/retort/dialect"
)

// init registers "mysql" and "mariadb" (SQLAlchemy's two names; only the log line and
// ForDB tell them apart).
func init() {
	dialect.Register(Dialect{})
	dialect.Register(Dialect{MariaDB: true})
}

// DefaultPort is MySQL's and MariaDB's TCP port, used when the URL names none.
const DefaultPort = "3306"

// config turns a SQLAlchemy MySQL/MariaDB URL into a go-sql-driver/mysql configuration.
// It builds the Config directly rather than a DSN string, so passwords and socket paths
// need no escaping. The query parameters read are the ones SQLAlchemy users put in their
// URLs for pymysql, mysqlclient, mysql-connector and MariaDB Connector/Python; other
// driver options (binary_prefix, local_infile, ...) do not apply and are ignored, as
// for PostgreSQL.
//
// A URL without a host connects over TCP to localhost, as pymysql does (mysqlclient would
// use the default socket; name it with unix_socket= for that).
func config(u dialect.URL) (*mysql.Config, error) {
	cfg := mysql.NewConfig()
	cfg.User = u.User
	cfg.Passwd = u.Password
	cfg.DBName = u.Database
	// SQLAlchemy's MySQL dialects connect with CLIENT_FOUND_ROWS, so an UPDATE reports
	// the rows it matched, not the rows it changed.
	cfg.ClientFoundRows = true
	last := func(key string) (string, bool) {
		vs, ok := u.Query[key]
		if !ok || len(vs) == 0 {
			return "", false
		}
		return vs[len(vs)-1], true
	}
	if sock, ok := last("unix_socket"); ok && sock != "" {
		cfg.Net, cfg.Addr = "unix", sock
	} else {
		host, port := u.Host, u.Port
		if host == "" {
			host = "localhost"
		}
		if port == "" {
			port = DefaultPort
		}
		cfg.Net, cfg.Addr = "tcp", net.JoinHostPort(host, port)
	}
	if cs, ok := last("charset"); ok && cs != "" {
		coll, _ := last("collation")
		if err := cfg.Apply(mysql.Charset(cs, coll)); err != nil {
			return nil, fmt.Errorf("charset %q: %w", cs, err)
		}
	} else if coll, ok := last("collation"); ok {
		cfg.Collation = coll
	}
	for key, dst := range map[string]*time.Duration{
		"connect_timeout": &cfg.Timeout, "read_timeout": &cfg.ReadTimeout, "write_timeout": &cfg.WriteTimeout,
	} {
		if v, ok := last(key); ok {
			secs, err := strconv.ParseFloat(v, 64)
			if err != nil || secs < 0 {
				return nil, fmt.Errorf("query parameter %s=%q: want a number of seconds", key, v)
			}
			*dst = time.Duration(secs * float64(time.Second))
		}
	}
	tlsCfg, err := tlsConfig(u, last)
	if err != nil {
		return nil, err
	}
	cfg.TLS = tlsCfg
	return cfg, nil
}

// tlsConfig reads the ssl_* parameters: ssl_ca (verify the server against this CA),
// ssl_cert and ssl_key (client certificate), ssl_check_hostname=false (verify the
// chain but not the host name), and ssl_mode as mysqlclient spells it (DISABLED,
// PREFERRED, REQUIRED: encrypt without verifying, VERIFY_CA, VERIFY_IDENTITY). Without
// any of them the connection is plain, as with pymysql.
func tlsConfig(u dialect.URL, last func(string) (string, bool)) (*tls.Config, error) {
	mode, _ := last("ssl_mode")
	mode = strings.ToUpper(mode)
	ca, hasCA := last("ssl_ca")
	cert, hasCert := last("ssl_cert")
	key, _ := last("ssl_key")
	switch mode {
	case "", "DISABLED", "PREFERRED", "REQUIRED", "VERIFY_CA", "VERIFY_IDENTITY":
	default:
		return nil, fmt.Errorf("query parameter ssl_mode=%q: want DISABLED, PREFERRED, REQUIRED, VERIFY_CA or VERIFY_IDENTITY", mode)
	}
	if mode == "DISABLED" || (mode == "" && !hasCA && !hasCert) || (mode == "PREFERRED" && !hasCA) {
		return nil, nil
	}
	c := &tls.Config{ServerName: u.Host, MinVersion: tls.VersionTLS12}
	if hasCA {
		pem, err := os.ReadFile(ca)
		if err != nil {
			return nil, fmt.Errorf("query parameter ssl_ca: %w", err)
		}
		c.RootCAs = x509.NewCertPool()
		if !c.RootCAs.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("query parameter ssl_ca: no PEM certificate in %s", ca)
		}
	}
	if hasCert {
		pair, err := tls.LoadX509KeyPair(cert, key)
		if err != nil {
			return nil, fmt.Errorf("query parameters ssl_cert/ssl_key: %w", err)
		}
		c.Certificates = []tls.Certificate{pair}
	}
	checkHost := mode != "VERIFY_CA"
	if v, ok := last("ssl_check_hostname"); ok {
		checkHost = !isFalse(v)
	}
	switch {
	case mode == "REQUIRED" && !hasCA:
		c.InsecureSkipVerify = true // encrypt only, as ssl_mode=REQUIRED means
	case !checkHost:
		// Verify the chain against the CA but accept any host name.
		c.InsecureSkipVerify = true
		c.VerifyPeerCertificate = verifyChain(c.RootCAs)
	}
	return c, nil
}

func isFalse(v string) bool {
	switch strings.ToLower(v) {
	case "0", "false", "no", "off":
		return true
	}
	return false
}

// verifyChain checks the server's certificate chain against roots without a host name.
func verifyChain(roots *x509.CertPool) func([][]byte, [][]*x509.Certificate) error {
	return func(raw [][]byte, _ [][]*x509.Certificate) error {
		if len(raw) == 0 {
			return fmt.Errorf("server sent no certificate")
		}
		certs := make([]*x509.Certificate, len(raw))
		for i, r := range raw {
			c, err := x509.ParseCertificate(r)
			if err != nil {
				return err
			}
			certs[i] = c
		}
		inter := x509.NewCertPool()
		for _, c := range certs[1:] {
			inter.AddCert(c)
		}
		_, err := certs[0].Verify(x509.VerifyOptions{Roots: roots, Intermediates: inter})
		return err
	}
}

// Open implements dialect.Dialect: a pool of go-sql-driver/mysql connections to the
// database u names (the registry pings it and keeps the password out of errors).
func (d Dialect) Open(ctx context.Context, u dialect.URL) (*sql.DB, error) {
	return d.OpenWith(ctx, u, dialect.OpenOptions{})
}

// mariaDBConnector marks a pool opened from a mariadb:// URL, so that ForDB finds the
// dialect it was opened with: its Driver is a mariaDBDriver.
type mariaDBConnector struct{ driver.Connector }

func (c mariaDBConnector) Driver() driver.Driver { return mariaDBDriver{c.Connector.Driver()} }

// mariaDBDriver is go-sql-driver/mysql's driver, as a pool from a mariadb:// URL has it.
type mariaDBDriver struct{ driver.Driver }

// OwnsDriver implements dialect.Dialect. A *sql.DB the caller opened with
// go-sql-driver/mysql is "mysql" (Alembic's MySQLImpl); "mariadb" owns the pools it
// opened itself.
func (d Dialect) OwnsDriver(drv driver.Driver) bool {
	if d.MariaDB {
		_, ok := drv.(mariaDBDriver)
		return ok
	}
	_, ok := drv.(*mysql.MySQLDriver)
	return ok
}

// QuoteIdent quotes an identifier with backticks only when SQLAlchemy's MySQL dialect
// would: names that are not lower case, hold characters other than [a-z0-9_$], start
// with a digit or '$', or are reserved words.
func (d Dialect) QuoteIdent(name string) string {
	reserved := reservedMySQL
	if d.MariaDB {
		reserved = reservedMariaDB
	}
	if dialect.QuoteIfNeeded(name, reserved) == name {
		return name
	}
	return "`" + strings.ReplaceAll(name, "`", "``") + "`"
}

// Literal renders s as a string literal. MySQL reads a backslash in a literal as an
// escape (unless the server runs with NO_BACKSLASH_ESCAPES), so it is doubled, as
// SQLAlchemy's MySQL compiler does; a quote is doubled as everywhere.
func (Dialect) Literal(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `''`).Replace(s) + "'"
}

// reservedBoth are the words SQLAlchemy's MySQL and MariaDB dialects both quote; each
// adds its own (reservedMySQL, reservedMariaDB), so that names are quoted exactly as
// Alembic prints them for a mysql:// or a mariadb:// URL.
var reservedBoth = strings.Fields(`accessible add all alter analyze and as asc asensitive before between bigint binary blob both by
call cascade case change char character check collate column condition constraint continue
convert create cross current_date current_time current_timestamp current_user cursor database
databases day_hour day_microsecond day_minute day_second dec decimal declare default delayed
delete desc describe deterministic distinct distinctrow div double drop dual each else elseif
enclosed escaped except exists exit explain false fetch float float4 float8 for force foreign
from fulltext general grant group having high_priority hour_microsecond hour_minute hour_second
if ignore ignore_server_ids in index infile inner inout insensitive insert int int1 int2 int3
int4 int8 integer interval into is iterate join key keys kill leading leave left like limit
linear lines load localtime localtimestamp lock long longblob longtext loop low_priority
master_heartbeat_period master_ssl_verify_server_cert match maxvalue mediumblob mediumint
mediumtext middleint minute_microsecond minute_second mod modifies natural no_write_to_binlog
not null numeric on optimize option optionally or order out outer outfile over partition
precision primary procedure purge range read read_write reads real recursive references regexp
release rename repeat replace require resignal restrict return revoke right rlike rows schema
schemas second_microsecond select sensitive separator set show signal slow smallint spatial
specific sql sql_big_result sql_calc_found_rows sql_small_result sqlexception sqlstate
sqlwarning ssl starting straight_join system table terminated then tinyblob tinyint tinytext to
trailing trigger true undo union unique unlock unsigned update usage use using utc_date utc_time
utc_timestamp values varbinary varchar varcharacter varying when where while window with write
xor year_month zerofill`)

var (
	reservedMySQL = reservedWords(`admin array cube cume_dist dense_rank empty first_value function generated get
get_master_public_key grouping groups io_after_gtids io_before_gtids json_table lag last_value
lateral lead master_bind member nth_value ntile of optimizer_costs parse_gcol_expr percent_rank
persist persist_only rank role row row_number sql_after_gtids sql_before_gtids stored virtual`)
	reservedMariaDB = reservedWords(`body current_role do_domain_ids elsif goto history ignore_domain_ids intersect offset others
package page_checksum parse_vcol_expr period position raise ref_system_id returning rowtype
stats_auto_recalc stats_persistent stats_sample_pages system_time versioning without`)
)

func reservedWords(extra string) map[string]bool {
	m := map[string]bool{}
	for _, w := range append(reservedBoth, strings.Fields(extra)...) {
		m[w] = true
	}
	return m
}
