package pyop

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"time"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/dialect/mysql"
)

// tmpMySQL stands for the registered MySQL dialect until its runtime half lands: only
// rendering is used here. Temporary.
type tmpMySQL struct{ mysql.Dialect }

// unregistered are dialects tested before they register.
var unregistered = map[string]dialect.Dialect{"mysql": tmpMySQL{}}

var errTmp = errors.New("not in this test")

func (tmpMySQL) ImplName() string                                   { return "MySQLImpl" }
func (tmpMySQL) Open(context.Context, dialect.URL) (*sql.DB, error) { return nil, errTmp }
func (tmpMySQL) OwnsDriver(driver.Driver) bool                      { return false }
func (tmpMySQL) Lock(context.Context, *sql.Conn, string, time.Duration) (func() error, error) {
	return nil, errTmp
}
func (tmpMySQL) TxPolicy(bool, bool) dialect.TxPolicy { return dialect.TxCommitPerRevision }
func (tmpMySQL) TransactionalDDL() bool               { return false }
func (tmpMySQL) Terminator() string                   { return ";" }
func (tmpMySQL) HasTable(context.Context, dialect.Querier, string, string) (bool, error) {
	return false, errTmp
}
func (tmpMySQL) StatementContext(ctx context.Context) context.Context { return ctx }
