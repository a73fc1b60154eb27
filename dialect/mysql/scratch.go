package mysql

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"github.com/retort-dev/retort/dialect"
	"github.com/retort-dev/retort/schema"
	"github.com/retort-dev/retort/sqlscript"
)

// The desired schema is built in a throwaway database, retort_scratch_<random>, on the
// server of the live database (or of dev_url), created with the live database's character
// set and collation so defaults resolve alike, and dropped afterwards whatever happens: on
// an error, and when the context is cancelled (Ctrl-C), with a context of its own. MySQL
// DDL commits at once, so nothing here can be rolled back: a statement that names another
// database (`app`.`users`) is refused before anything runs.

// scratchPrefix starts every scratch database's name.
var scratchPrefix = "retort_scratch_"

// dropTimeout bounds the DROP DATABASE that cleans up after a cancelled run.
const dropTimeout = 30 * time.Second

// connector is *sql.DB: where a connection of our own comes from.
type connector interface {
	Conn(ctx context.Context) (*sql.Conn, error)
}

// Scratch implements dialect.Inspector. db is the live database (*sql.DB or *sql.Conn),
// or with opts.DevDatabase the dev database: the scratch database is made on its server
// either way.
func (Dialect) Scratch(ctx context.Context, db dialect.TxBeginner, scripts []dialect.Script, opts dialect.ScratchOptions) (s *schema.Schema, err error) {
	var conn *sql.Conn
	switch h := db.(type) {
	case *sql.Conn:
		conn = h
	case connector:
		if conn, err = h.Conn(ctx); err != nil {
			return nil, fmt.Errorf("scratch database: %w", err)
		}
		defer conn.Close()
	default:
		return nil, fmt.Errorf("scratch database: need a *sql.DB or *sql.Conn, got %T", db)
	}
	srv, err := readServer(ctx, conn)
	if err != nil {
		return nil, fmt.Errorf("scratch database: %w", err)
	}
	live := srv.database
	for _, d := range opts.Schemas {
		if d != live {
			return nil, fmt.Errorf("comparing database %s besides the current database %s is not supported on MySQL", d, live)
		}
	}
	if err := refuseOtherDatabases(ctx, conn, scripts); err != nil {
		return nil, err
	}
	name, err := createScratch(ctx, conn)
	if err != nil {
		return nil, err
	}
	defer func() {
		if derr := dropScratch(conn, db, name, live); derr != nil && err == nil {
			err = derr
		}
	}()
	if _, err := conn.ExecContext(ctx, "USE "+name); err != nil {
		return nil, fmt.Errorf("scratch database: %w", err)
	}
	if err := dialect.RunScripts(ctx, conn, sqlscript.MySQL, scripts); err != nil {
		return nil, err
	}
	srv.database = name
	inner := opts.InspectOptions
	inner.Schemas = nil // the scratch database
	return inspect(ctx, conn, srv, inner, name, live)
}

// createScratch creates an empty database retort_scratch_<random> through q, with the
// character set and collation of q's current database, and returns its name.
func createScratch(ctx context.Context, q dialect.Querier) (string, error) {
	var charset, collation string
	err := dialect.QueryScalar(ctx, q, "SELECT @@character_set_database, @@collation_database", nil, &charset, &collation)
	if err != nil {
		return "", fmt.Errorf("scratch database: %w", err)
	}
	buf := make([]byte, 6)
	if _, err := rand.Read(buf); err != nil {
		return "", err
	}
	name := scratchPrefix + hex.EncodeToString(buf)
	create := fmt.Sprintf("CREATE DATABASE %s CHARACTER SET %s COLLATE %s", name, charset, collation)
	if _, err := q.ExecContext(ctx, create); err != nil {
		return "", fmt.Errorf("scratch database (needs CREATE on the server, or set dev_url): %w", err)
	}
	return name, nil
}

// ScratchDatabase implements dialect.ScratchDatabaser: an empty database beside the one
// serverURL names (on its server, with its character set and collation); drop removes it.
func (Dialect) ScratchDatabase(ctx context.Context, serverURL string) (string, func(context.Context) error, error) {
	return dialect.NewScratchDatabase(ctx, serverURL, func(ctx context.Context, admin *sql.DB) (string, error) {
		name, err := createScratch(ctx, admin)
		if err != nil {
			return "", fmt.Errorf("dialect/mysql: %w", err)
		}
		return name, nil
	}, func(name string) []string { return []string{"DROP DATABASE IF EXISTS " + name} })
}

var _ dialect.ScratchDatabaser = Dialect{}

// dropScratch drops the scratch database with a context of its own (the run's may be
// cancelled), on conn or, when conn broke, on a fresh connection of db; then conn goes
// back to the live database.
func dropScratch(conn *sql.Conn, db dialect.TxBeginner, name, live string) error {
	ctx, cancel := context.WithTimeout(context.Background(), dropTimeout)
	defer cancel()
	drop := "DROP DATABASE IF EXISTS " + name
	_, err := conn.ExecContext(ctx, drop)
	if err != nil {
		if c, ok := db.(connector); ok {
			var fresh *sql.Conn
			if fresh, err = c.Conn(ctx); err == nil {
				_, err = fresh.ExecContext(ctx, drop)
				fresh.Close()
			}
		}
	}
	if err != nil {
		return fmt.Errorf("drop scratch database %s (drop it by hand): %w", name, err)
	}
	if live != "" {
		if _, err := conn.ExecContext(ctx, "USE "+quoteAlways(live)); err != nil {
			return fmt.Errorf("scratch database: back to %s: %w", live, err)
		}
	}
	return nil
}

// refuseOtherDatabases refuses scripts that name an existing database other than the
// scratch one in a qualified name (db.table): such DDL would change it for good.
func refuseOtherDatabases(ctx context.Context, q dialect.Querier, scripts []dialect.Script) error {
	dbs := map[string]bool{}
	err := dialect.QueryEach(ctx, q, "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA", nil, func(scan func(...any) error) error {
		var n string
		if err := scan(&n); err != nil {
			return err
		}
		dbs[strings.ToLower(n)] = true
		return nil
	})
	if err != nil {
		return fmt.Errorf("scratch database: %w", err)
	}
	for _, sc := range scripts {
		for _, q := range qualifiers(sc.SQL) {
			if dbs[strings.ToLower(q)] {
				return fmt.Errorf("%s: the desired schema names database %s: DDL on MySQL cannot be rolled back, so the desired schema must use unqualified names", sc.Name, q)
			}
		}
	}
	return nil
}

// qualifiers returns the first names of the qualified names (a.b) in src, read with
// MySQL's token rules.
func qualifiers(src string) []string {
	var out []string
	l := sqlscript.NewLexer(src, sqlscript.MySQL)
	var prev, dot sqlscript.Token // the last two tokens
	for t := l.Next(); t.Kind != sqlscript.EOF && t.Kind != sqlscript.Error; t = l.Next() {
		if (t.Kind == sqlscript.Word || t.Kind == sqlscript.Quoted) && dot.Kind == sqlscript.Op && l.Text(dot) == "." &&
			(prev.Kind == sqlscript.Word || prev.Kind == sqlscript.Quoted) {
			name := l.Text(prev)
			if prev.Kind == sqlscript.Quoted {
				name = sqlscript.Unquote(name)
			}
			out = append(out, name)
		}
		prev, dot = dot, t
	}
	return out
}

// ScratchNeedsServer implements dialect.Inspector: the scratch is a database on a server.
func (Dialect) ScratchNeedsServer() bool { return true }

// ScratchIdentity implements dialect.Inspector: the server version and the settings that
// change how DDL is read (SQL mode, default engine, the database's character set and
// collation, timestamp defaults).
func (Dialect) ScratchIdentity(ctx context.Context, q dialect.Querier) (identity, current string, err error) {
	const query = `SELECT CONCAT_WS(CHAR(0), VERSION(), @@sql_mode, @@default_storage_engine, @@character_set_database,
  @@collation_database, @@explicit_defaults_for_timestamp, @@lower_case_table_names), COALESCE(DATABASE(), '')`
	err = dialect.QueryScalar(ctx, q, query, nil, &identity, &current)
	return identity, current, err
}
