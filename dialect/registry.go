package dialect

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
)

var registry = struct {
	sync.RWMutex
	byName map[string]Dialect // names and aliases
	names  []string           // canonical names, sorted
}{byName: map[string]Dialect{}}

// Register makes d available by its Name and by aliases (e.g. "postgres"). A dialect
// package calls it from init(); registering a name twice panics.
func Register(d Dialect, aliases ...string) {
	registry.Lock()
	defer registry.Unlock()
	for _, n := range append([]string{d.Name()}, aliases...) {
		if _, dup := registry.byName[n]; dup {
			panic("dialect: " + n + " registered twice")
		}
		registry.byName[n] = d
	}
	registry.names = append(registry.names, d.Name())
	slices.Sort(registry.names)
}

// Names returns the registered dialect names, sorted.
func Names() []string {
	registry.RLock()
	defer registry.RUnlock()
	return slices.Clone(registry.names)
}

// Lookup returns the dialect with the given SQLAlchemy name or alias.
func Lookup(name string) (Dialect, error) {
	registry.RLock()
	d, ok := registry.byName[name]
	registry.RUnlock()
	if !ok {
		return nil, fmt.Errorf("dialect: unsupported database %q (retort supports %s)", name, supported())
	}
	return d, nil
}

// supported lists the registered names for error messages: "postgresql and sqlite".
func supported() string {
	names := Names()
	switch len(names) {
	case 0:
		return "no database: no dialect is registered"
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// ForURL returns the dialect a SQLAlchemy URL names, without connecting (offline mode).
func ForURL(rawURL string) (Dialect, error) {
	u, err := ParseURL(rawURL)
	if err != nil {
		return nil, err
	}
	return Lookup(u.Dialect)
}

// ForDB returns the dialect of a *sql.DB opened by the caller with a registered
// dialect's driver.
func ForDB(db *sql.DB) (Dialect, error) {
	registry.RLock()
	defer registry.RUnlock()
	for _, n := range registry.names {
		if d := registry.byName[n]; d.OwnsDriver(db.Driver()) {
			return d, nil
		}
	}
	return nil, fmt.Errorf("dialect: unsupported database driver %T (use the driver of %s, or name the dialect)", db.Driver(), supported())
}

// Open connects to the database a SQLAlchemy URL names and checks the connection.
// No error it returns contains the password.
func Open(ctx context.Context, rawURL string) (*sql.DB, Dialect, error) {
	return OpenWith(ctx, rawURL, OpenOptions{})
}

// OpenWith is Open with o, for dialects that take options (WaitBounder): waits on locks
// other sessions hold give up after o.WaitBound, and such a failure says what was locked
// and by whom.
func OpenWith(ctx context.Context, rawURL string, o OpenOptions) (*sql.DB, Dialect, error) {
	u, err := ParseURL(rawURL)
	if err != nil {
		return nil, nil, err
	}
	d, err := Lookup(u.Dialect)
	if err != nil {
		return nil, nil, err
	}
	wb, bounded := d.(WaitBounder)
	fail := func(db *sql.DB, err error) (*sql.DB, Dialect, error) {
		// pgx lists one line per address tried; keep the message on one line.
		msg := strings.Join(strings.Fields(hidePassword(err.Error(), u.Password)), " ")
		if bounded {
			if why, ok := wb.ExplainWait(ctx, db, u, err); ok {
				msg += "; " + GaveUp(o.WaitBound, why)
			}
		}
		if db != nil {
			db.Close()
		}
		return nil, nil, fmt.Errorf("dialect: connect to %s: %s", Redact(rawURL), msg)
	}
	var db *sql.DB
	if bounded {
		db, err = wb.OpenWith(ctx, u, o)
	} else {
		db, err = d.Open(ctx, u)
	}
	if err != nil {
		return fail(nil, err)
	}
	if err := db.PingContext(ctx); err != nil {
		return fail(db, err)
	}
	return db, d, nil
}

// GaveUp words a wait on another session's lock that gave up after timeout (<= 0: the
// dialect's default), with why from WaitBounder.ExplainWait.
func GaveUp(timeout time.Duration, why string) string {
	if timeout > 0 {
		return "gave up waiting for a lock after " + timeout.String() + ": " + why
	}
	return "gave up waiting for a lock: " + why
}

// hidePassword removes a password that a driver message might echo.
func hidePassword(msg, password string) string {
	if password == "" {
		return msg
	}
	return strings.ReplaceAll(msg, password, "XXXXX")
}
