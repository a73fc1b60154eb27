package mysql

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/go-sql-driver/mysql"

	"github.com/retort-dev/retort/dialect"
)

// Name is the SQLAlchemy dialect name: "mariadb" for mariadb:// URLs, as SQLAlchemy names
// that dialect.
func (d Dialect) Name() string {
	if d.MariaDB {
		return "mariadb"
	}
	return "mysql"
}

// ImplName is Alembic's implementation class: MariaDBImpl for mariadb:// URLs.
func (d Dialect) ImplName() string {
	if d.MariaDB {
		return "MariaDBImpl"
	}
	return "MySQLImpl"
}

// TransactionalDDL is false: MySQL commits before and after every DDL statement, and
// Alembic's MySQL implementation says so ("Will assume non-transactional DDL.", no
// BEGIN/COMMIT in --sql output).
func (Dialect) TransactionalDDL() bool { return false }

// TxPolicy implements dialect.Dialect: MySQL commits DDL implicitly, so each revision is
// committed with its version-row change (see BeginRevision), whatever
// transaction_per_migration says; --sql prints no BEGIN/COMMIT, as Alembic's MySQL
// output.
func (Dialect) TxPolicy(_, offline bool) dialect.TxPolicy {
	if offline {
		return dialect.TxAutocommit
	}
	return dialect.TxCommitPerRevision
}

// Terminator ends each statement in offline SQL.
func (Dialect) Terminator() string { return ";" }

// HasTable reports whether table exists in schema ("" = the connection's database).
// information_schema compares names case-insensitively; the BINARY comparison makes the
// match exact (as table names are on Linux), the plain one lets the server open only that
// table's metadata.
func (Dialect) HasTable(ctx context.Context, q dialect.Querier, schema, table string) (bool, error) {
	rows, err := q.QueryContext(ctx, `SELECT count(*) FROM information_schema.tables
WHERE table_schema = IF(? = '', DATABASE(), ?) AND table_name = ? AND BINARY table_name = ?`,
		schema, schema, table, table)
	if err != nil {
		return false, fmt.Errorf("dialect/mysql: look up table %s: %w", table, err)
	}
	defer rows.Close()
	var n int
	if rows.Next() {
		if err := rows.Scan(&n); err != nil {
			return false, fmt.Errorf("dialect/mysql: look up table %s: %w", table, err)
		}
	}
	if err := rows.Err(); err != nil {
		return false, fmt.Errorf("dialect/mysql: look up table %s: %w", table, err)
	}
	return n > 0, nil
}

// StatementContext: go-sql-driver/mysql watches a connection's context with one
// goroutine per connection, not per statement, so cancelling is cheap to keep.
func (Dialect) StatementContext(ctx context.Context) context.Context { return ctx }

// maxLockName is MySQL's limit on a GET_LOCK name (MariaDB allows more).
const maxLockName = 64

// lockName is the GET_LOCK name of key (the qualified version table) in database. User
// locks are server-wide, so the name includes the database; a name over MySQL's limit
// is replaced by a hash of it.
func lockName(database, key string) string {
	name := "retort:" + database + "." + key
	if len(name) <= maxLockName {
		return name
	}
	sum := sha256.Sum256([]byte(name))
	return "retort:" + hex.EncodeToString(sum[:])[:maxLockName-len("retort:")]
}

// Lock takes a user lock with GET_LOCK(name, 0) on conn, the connection the run uses,
// polled with backoff until timeout (<= 0: until ctx ends). A blocking GET_LOCK with a
// timeout would hold the server thread and could not be cancelled; polling on the one
// connection keeps the lock tied to the session that migrates, so a killed run's lock
// goes when the server drops its connection. GET_LOCK is not transactional: commits do
// not release it, RELEASE_LOCK at the end does.
func (Dialect) Lock(ctx context.Context, conn *sql.Conn, key string, timeout time.Duration) (func() error, error) {
	var db sql.NullString
	if err := conn.QueryRowContext(ctx, "SELECT DATABASE()").Scan(&db); err != nil {
		return nil, fmt.Errorf("dialect/mysql: lock %s: %w", key, err)
	}
	name := lockName(db.String, key)
	err := dialect.Poll(ctx, timeout, func() (bool, error) {
		var got sql.NullInt64
		if err := conn.QueryRowContext(ctx, "SELECT GET_LOCK(?, 0)", name).Scan(&got); err != nil {
			return false, err
		}
		// NULL means an error (e.g. the thread was killed), not a busy lock.
		if !got.Valid {
			return false, errors.New("GET_LOCK returned NULL")
		}
		return got.Int64 == 1, nil
	})
	if err != nil {
		return nil, fmt.Errorf("dialect/mysql: lock %s: %w", name, err)
	}
	return func() error {
		// A fresh context: the run's may be cancelled, and the lock must still go.
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_, err := conn.ExecContext(ctx, "DO RELEASE_LOCK(?)", name)
		return err
	}, nil
}

// CommitsImplicitly reports whether MySQL commits the open transaction when sql runs:
// the statements of the manual's "Statements That Cause an Implicit Commit" (DDL except
// CREATE/DROP TEMPORARY TABLE, account management, LOCK TABLES, transaction control,
// table maintenance, replication control). The commit happens before the statement
// executes, so it holds even when the statement then fails, unless the server could
// not parse it (failed reports that: see Committed).
func CommitsImplicitly(sql string) bool {
	w := leadingWords(sql, 3)
	if len(w) == 0 {
		return false
	}
	switch w[0] {
	case "CREATE", "DROP":
		// CREATE [OR REPLACE] TEMPORARY TABLE and DROP TEMPORARY TABLE keep the transaction.
		if w = leadingWords(sql, 4); len(w) > 1 && w[1] == "OR" { // CREATE OR REPLACE
			w = w[2:]
		}
		return len(w) < 2 || w[1] != "TEMPORARY"
	case "ALTER", "RENAME", "TRUNCATE", "INSTALL", "UNINSTALL",
		"GRANT", "REVOKE",
		"BEGIN", "START", "COMMIT", "LOCK", "UNLOCK",
		"ANALYZE", "CHECK", "OPTIMIZE", "REPAIR", "CACHE", "FLUSH", "RESET",
		"CHANGE", "STOP":
		// START/STOP cover START TRANSACTION and START/STOP SLAVE/REPLICA; LOAD INDEX
		// INTO CACHE is below.
		return true
	case "LOAD":
		return len(w) > 1 && w[1] == "INDEX"
	case "SET":
		// SET PASSWORD; SET autocommit commits when it turns autocommit on.
		return len(w) > 1 && (w[1] == "PASSWORD" || w[1] == "AUTOCOMMIT")
	}
	return false
}

// leadingWords returns up to n upper-cased leading words of sql, skipping whitespace and
// comments (-- , #, /* */), and reading the text of executable comments (/*! */).
func leadingWords(sql string, n int) []string {
	var out []string
	s := sql
	for len(out) < n {
		s = strings.TrimLeft(s, " \t\r\n\f")
		switch {
		case s == "":
			return out
		case s[0] == '#' || strings.HasPrefix(s, "--") && (len(s) == 2 || s[2] <= ' '):
			if i := strings.IndexByte(s, '\n'); i >= 0 {
				s = s[i+1:]
			} else {
				s = ""
			}
			continue
		case strings.HasPrefix(s, "/*!"):
			// An executable comment (mysqldump's /*!50003 CREATE*/): its text is SQL the
			// server runs; read on inside it.
			s = strings.TrimLeft(s[3:], "0123456789")
			continue
		case strings.HasPrefix(s, "*/"):
			s = s[2:]
			continue
		case strings.HasPrefix(s, "/*"):
			if i := strings.Index(s[2:], "*/"); i >= 0 {
				s = s[i+4:]
			} else {
				s = ""
			}
			continue
		}
		end := 0
		for end < len(s) {
			c := s[end]
			if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
				break
			}
			end++
		}
		if end == 0 {
			return out
		}
		out = append(out, strings.ToUpper(s[:end]))
		s = s[end:]
	}
	return out
}

// parseError is the server's "You have an error in your SQL syntax" (1064): the
// statement never ran, so it committed nothing.
func parseError(err error) bool {
	var me *mysql.MySQLError
	return errors.As(err, &me) && me.Number == 1064
}

// Committed implements dialect.PartialCommitter: how many statements of a revision MySQL
// has committed when the one at index failed (0-based; len(stmts): the version-row
// change after them) with err, in a transaction opened before the first one: everything
// up to the last statement that commits implicitly, the failing one's implicit commit
// included when the server parsed it.
func (Dialect) Committed(stmts []string, failed int, err error) int {
	if failed < len(stmts) && CommitsImplicitly(stmts[failed]) && !parseError(err) {
		return failed
	}
	for i := failed - 1; i >= 0; i-- {
		if CommitsImplicitly(stmts[i]) {
			return i + 1
		}
	}
	return 0
}

// revisionTx is the transaction of one revision: autocommit is off on the connection
// from BeginRevision to Commit or Rollback, as SQLAlchemy's MySQL drivers run every
// session. START TRANSACTION would not do: the first DDL statement commits it
// implicitly, and with autocommit on, every statement after it (the version-row change
// too) would then commit on its own. With autocommit off the server opens a new
// transaction after each implicit commit, so the statements after the last DDL commit
// together with the version row, or not at all.
type revisionTx struct {
	conn *sql.Conn
	done bool
}

// BeginRevision turns autocommit off on conn for one revision.
func (Dialect) BeginRevision(ctx context.Context, conn *sql.Conn) (dialect.Tx, error) {
	if _, err := conn.ExecContext(ctx, "SET autocommit = 0"); err != nil {
		return nil, err
	}
	return &revisionTx{conn: conn}, nil
}

func (t *revisionTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return t.conn.ExecContext(ctx, query, args...)
}

func (t *revisionTx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return t.conn.QueryContext(ctx, query, args...)
}

// Commit commits and turns autocommit back on in one statement: turning it on commits
// the open transaction.
func (t *revisionTx) Commit() error {
	if t.done {
		return sql.ErrTxDone
	}
	t.done = true
	_, err := t.conn.ExecContext(context.Background(), "SET autocommit = 1")
	return err
}

// Rollback undoes what the server has not committed yet and turns autocommit back on.
func (t *revisionTx) Rollback() error {
	if t.done {
		return sql.ErrTxDone
	}
	t.done = true
	ctx := context.Background()
	_, err := t.conn.ExecContext(ctx, "ROLLBACK")
	if _, err2 := t.conn.ExecContext(ctx, "SET autocommit = 1"); err == nil {
		err = err2
	}
	return err
}
