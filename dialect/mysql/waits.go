package mysql

import (
	"context"
	"database/sql"
	"errors"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/go-sql-driver/mysql"

	"github.com/retort-dev/retort/dialect"
)

var _ dialect.WaitBounder = Dialect{}

// OpenWith opens the database with lock_wait_timeout and innodb_lock_wait_timeout set on
// every connection to o.WaitBound in whole seconds (at least 1): a statement waiting
// longer for a metadata lock (DDL behind another session's open transaction, a table
// under LOCK TABLES) or a row lock fails with error 1205 instead of waiting a year (the
// server's default for metadata locks). o.Pooled is PgBouncer's notion; MySQL sessions
// are never shared between clients, so it changes nothing here.
func (d Dialect) OpenWith(_ context.Context, u dialect.URL, o dialect.OpenOptions) (*sql.DB, error) {
	if u.Database == "" {
		// Without a default database every unqualified table (alembic_version first) fails
		// with "No database selected"; say so before connecting.
		return nil, errors.New("the URL names no database (mysql+pymysql://user:password@host/dbname)")
	}
	cfg, err := config(u)
	if err != nil {
		return nil, err
	}
	if o.WaitBound > 0 {
		secs := strconv.FormatInt(int64(math.Ceil(o.WaitBound.Seconds())), 10)
		cfg.Params = map[string]string{"lock_wait_timeout": secs, "innodb_lock_wait_timeout": secs}
	}
	conn, err := mysql.NewConnector(cfg)
	if err != nil {
		return nil, err
	}
	if d.MariaDB {
		conn = mariaDBConnector{conn}
	}
	return sql.OpenDB(conn), nil
}

// erLockWaitTimeout is "Lock wait timeout exceeded; try restarting transaction", the
// error of both a metadata lock and a row lock wait giving up.
const erLockWaitTimeout = 1205

// otherTransactions lists the other sessions of this database with an open InnoDB
// transaction (they hold the row and metadata locks a statement waits for), oldest
// first, without their statements' text (it may hold data).
const otherTransactions = `SELECT CONCAT('id ', p.id, ' (user ', p.user,
	IF(p.host <> '', CONCAT(' from ', SUBSTRING_INDEX(p.host, ':', 1)), ''),
	', in a transaction since ', t.trx_started, ', ', LOWER(p.command), ' for ', p.time, ' s)')
FROM information_schema.innodb_trx t JOIN information_schema.processlist p ON p.id = t.trx_mysql_thread_id
WHERE p.db = DATABASE() AND p.id <> CONNECTION_ID()
ORDER BY t.trx_started LIMIT 3`

// ExplainWait names the other sessions of the database in an open transaction, or else
// the tables other sessions hold open under a lock (LOCK TABLES, running DDL), as far as
// information_schema tells without performance_schema.
func (Dialect) ExplainWait(ctx context.Context, db *sql.DB, _ dialect.URL, err error) (string, bool) {
	var me *mysql.MySQLError
	if !errors.As(err, &me) || me.Number != erLockWaitTimeout || db == nil {
		return "", false
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	var found []string
	dialect.QueryEach(ctx, db, otherTransactions, nil, func(scan func(...any) error) error {
		var s string
		if scan(&s) == nil {
			found = append(found, s)
		}
		return nil
	})
	if len(found) > 0 {
		return "open transactions: " + strings.Join(found, "; "), true
	}
	dialect.QueryEach(ctx, db, "SHOW OPEN TABLES WHERE `Database` = DATABASE() AND In_use > 0", nil,
		func(scan func(...any) error) error {
			var schema, table, inUse, nameLocked string
			if scan(&schema, &table, &inUse, &nameLocked) == nil {
				found = append(found, table)
			}
			return nil
		})
	if len(found) > 0 {
		return "tables in use under a lock by other sessions: " + strings.Join(found, ", "), true
	}
	return "no other session holds a lock now", true
}
