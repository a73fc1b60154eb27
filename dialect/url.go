package dialect

import (
	"fmt"
	"net/url"
	"os"
	"regexp"
	"sort"
	"strings"
)

// URL is a SQLAlchemy database URL taken apart the way SQLAlchemy does it, so passwords
// containing '/', '#' or '?' work as they do for Alembic users.
type URL struct {
	Scheme   string // e.g. "postgresql+psycopg2"
	Dialect  string // "postgresql" or "sqlite"
	User     string
	Password string
	HasPass  bool
	Host     string
	Port     string
	Database string
	Query    url.Values
}

// sqlaURL mirrors SQLAlchemy's URL grammar: the password runs to the first '@',
// the database to the first '?'.
var sqlaURL = regexp.MustCompile(`(?s)^([\w+]+)://` +
	`(?:([^:/]*)(?::([^@]*))?@)?` +
	`(?:(?:\[([^/?]+)\]|([^/:?]+))?(?::([^/?]*))?)?` +
	`(?:/([^?]*))?` +
	`(?:\?(.*))?$`)

// ParseURL parses a SQLAlchemy URL. Errors never contain the password.
func ParseURL(raw string) (URL, error) {
	m := sqlaURL.FindStringSubmatchIndex(raw)
	if m == nil {
		return URL{}, fmt.Errorf("dialect: cannot parse database URL %q (expected dialect[+driver]://...)", Redact(raw))
	}
	group := func(i int) (string, bool) {
		if m[2*i] < 0 {
			return "", false
		}
		return raw[m[2*i]:m[2*i+1]], true
	}
	var u URL
	u.Scheme, _ = group(1)
	u.Dialect, _, _ = strings.Cut(u.Scheme, "+")
	switch u.Dialect {
	case "postgres":
		u.Dialect = "postgresql" // SQLAlchemy 1.3 accepted it; Heroku-style URLs use it
	case "postgresql", "sqlite":
	default:
		return URL{}, fmt.Errorf("dialect: unsupported database %q in URL %s (retort supports postgresql and sqlite)", u.Scheme, Redact(raw))
	}
	user, _ := group(2)
	pass, hasPass := group(3)
	var err error
	if u.User, err = url.PathUnescape(user); err != nil {
		return URL{}, fmt.Errorf("dialect: bad user name in URL %s: %w", Redact(raw), err)
	}
	if u.Password, err = url.PathUnescape(pass); err != nil {
		// The error would echo the escape sequence, which is part of the password.
		return URL{}, fmt.Errorf("dialect: bad percent-escape in the password of URL %s", Redact(raw))
	}
	u.HasPass = hasPass
	if h, ok := group(4); ok {
		u.Host = h
	} else {
		u.Host, _ = group(5)
	}
	u.Port, _ = group(6)
	u.Database, _ = group(7)
	q, _ := group(8)
	if u.Query, err = url.ParseQuery(q); err != nil {
		return URL{}, fmt.Errorf("dialect: bad query string in URL %s: %w", Redact(raw), err)
	}
	return u, nil
}

// Redact returns raw with its password replaced by XXXXX, as Alembic prints URLs.
// Text that is not a URL is returned unchanged.
func Redact(raw string) string {
	m := sqlaURL.FindStringSubmatchIndex(raw)
	if m == nil {
		if strings.Contains(raw, "@") {
			return "(unparseable URL)" // it may hold a password we cannot locate
		}
		return raw
	}
	if m[6] < 0 {
		return raw
	}
	// SQLAlchemy ends the password at the first '@'; a raw '@' inside a password then
	// spills into the host. Mask through the last '@' before the query to hide it all.
	end := m[7]
	rest := raw[end:]
	if q := strings.IndexByte(rest, '?'); q >= 0 {
		rest = rest[:q]
	}
	end += strings.LastIndexByte(rest, '@')
	return raw[:m[6]] + "XXXXX" + raw[end:]
}

// libpqParams are the query parameters libpq (and so psycopg2) accepts in a URL; they
// are passed on. Anything else is a SQLAlchemy or Python-driver option and is dropped.
var libpqParams = map[string]bool{
	"host": true, "hostaddr": true, "port": true, "dbname": true, "user": true,
	"password": true, "passfile": true, "connect_timeout": true, "client_encoding": true,
	"options": true, "application_name": true, "fallback_application_name": true,
	"keepalives": true, "keepalives_idle": true, "keepalives_interval": true,
	"keepalives_count": true, "tcp_user_timeout": true, "sslmode": true,
	"sslcert": true, "sslkey": true, "sslpassword": true, "sslrootcert": true,
	"sslcrl": true, "sslsni": true, "requiressl": true, "krbsrvname": true,
	"gssencmode": true, "service": true, "target_session_attrs": true,
	"channel_binding": true, "ssl_min_protocol_version": true, "ssl_max_protocol_version": true,
}

// postgresDSN renders u as a libpq keyword/value string for pgx. Parts the URL leaves
// empty come from PGHOST, PGPORT, PGUSER, PGPASSWORD and PGDATABASE, as with psycopg2.
func postgresDSN(u URL) string {
	kv := map[string]string{}
	set := func(key, val, env string) {
		if val == "" {
			val = os.Getenv(env)
		}
		if val != "" {
			kv[key] = val
		}
	}
	set("host", u.Host, "PGHOST")
	set("port", u.Port, "PGPORT")
	set("user", u.User, "PGUSER")
	set("password", u.Password, "PGPASSWORD")
	set("dbname", u.Database, "PGDATABASE")
	for k, vs := range u.Query {
		switch {
		case k == "ssl" && len(vs) > 0 && kv["sslmode"] == "":
			// asyncpg spells sslmode as ssl=require etc.
			kv["sslmode"] = vs[len(vs)-1]
		case libpqParams[k] && len(vs) > 0:
			kv[k] = vs[len(vs)-1] // the query wins over the URL parts, as in libpq
		}
	}
	keys := make([]string, 0, len(kv))
	for k := range kv {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(k + "=" + quoteDSNValue(kv[k]))
	}
	return b.String()
}

func quoteDSNValue(v string) string {
	if v != "" && !strings.ContainsAny(v, ` '\`) {
		return v
	}
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(v) + "'"
}

// sqliteParams are SQLAlchemy's pysqlite URL options that map onto SQLite URI
// parameters; the rest (check_same_thread, timeout, uri) do not apply.
var sqliteParams = map[string]bool{"mode": true, "cache": true, "vfs": true, "immutable": true, "nolock": true}

// sqliteDSN renders u as a go-sqlite3 DSN. sqlite:///rel.db is relative to the current
// directory, sqlite:////abs.db absolute, and sqlite:// or sqlite:///:memory: in memory.
// Writes take the lock at BEGIN (BEGIN IMMEDIATE) so two writers never deadlock on a lock
// upgrade, and a busy database is retried for busyMillis.
func sqliteDSN(u URL, busyMillis int) (dsn string, memory bool) {
	path := u.Database
	memory = path == "" || path == ":memory:"
	if memory {
		path = ":memory:"
	}
	q := url.Values{}
	for k, vs := range u.Query {
		if sqliteParams[k] && len(vs) > 0 {
			q.Set(k, vs[len(vs)-1])
		}
	}
	q.Set("_busy_timeout", fmt.Sprint(busyMillis))
	q.Set("_txlock", "immediate")
	esc := strings.NewReplacer("%", "%25", "?", "%3F", "#", "%23").Replace(path)
	return "file:" + esc + "?" + q.Encode(), memory
}
