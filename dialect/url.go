package dialect

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

// URL is a SQLAlchemy database URL taken apart the way SQLAlchemy does it, so passwords
// containing '/', '#' or '?' work as they do for Alembic users.
type URL struct {
	Scheme   string // e.g. "postgresql+psycopg2"
	Dialect  string // the registered dialect name, e.g. "postgresql"
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
	d, err := Lookup(u.Dialect)
	if err != nil {
		return URL{}, fmt.Errorf("dialect: unsupported database %q in URL %s (retort supports %s)", u.Scheme, Redact(raw), supported())
	}
	u.Dialect = d.Name() // an alias such as "postgres" (SQLAlchemy 1.3, Heroku-style URLs) becomes its name
	user, _ := group(2)
	pass, hasPass := group(3)
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
	start, end, ok := passwordSpan(raw)
	if !ok {
		if sqlaURL.MatchString(raw) || !strings.Contains(raw, "@") {
			return raw
		}
		return "(unparseable URL)" // it may hold a password we cannot locate
	}
	return raw[:start] + "XXXXX" + raw[end:]
}

// Passwords returns the password of a SQLAlchemy URL as written in it and, when that
// differs, %-decoded (as a driver may print it), for keeping it out of a child's output;
// nil when the URL has none. Unlike ParseURL it needs no registered dialect.
func Passwords(raw string) []string {
	start, end, ok := passwordSpan(raw)
	if !ok || start == end {
		return nil
	}
	p := []string{raw[start:end]}
	if dec, err := url.PathUnescape(p[0]); err == nil && dec != p[0] {
		p = append(p, dec)
	}
	return p
}

// passwordSpan locates the password in a SQLAlchemy URL. SQLAlchemy ends the password
// at the first '@'; a raw '@' inside a password then spills into the host, so the span
// runs to the last '@' before the query, to cover it all.
func passwordSpan(raw string) (start, end int, ok bool) {
	m := sqlaURL.FindStringSubmatchIndex(raw)
	if m == nil || m[6] < 0 {
		return 0, 0, false
	}
	end = m[7]
	rest := raw[end:]
	if q := strings.IndexByte(rest, '?'); q >= 0 {
		rest = rest[:q]
	}
	return m[6], end + strings.LastIndexByte(rest, '@'), true
}

// String renders u as a SQLAlchemy URL. It includes the password: log Redact(u.String()).
func (u URL) String() string {
	var b strings.Builder
	b.WriteString(u.Scheme + "://")
	if u.User != "" || u.HasPass {
		b.WriteString(escapeUserinfo(u.User))
		if u.HasPass {
			b.WriteString(":" + escapeUserinfo(u.Password))
		}
		b.WriteString("@")
	}
	if strings.Contains(u.Host, ":") {
		b.WriteString("[" + u.Host + "]")
	} else {
		b.WriteString(u.Host)
	}
	if u.Port != "" {
		b.WriteString(":" + u.Port)
	}
	if u.Database != "" || len(u.Query) > 0 {
		b.WriteString("/" + u.Database)
	}
	if len(u.Query) > 0 {
		b.WriteString("?" + u.Query.Encode())
	}
	return b.String()
}

// Last returns the last value of query parameter key, as SQLAlchemy keeps it.
func (u URL) Last(key string) (string, bool) {
	vs := u.Query[key]
	if len(vs) == 0 {
		return "", false
	}
	return vs[len(vs)-1], true
}

// escapeUserinfo percent-escapes what would end a user name or password early.
var escapeUserinfo = strings.NewReplacer("%", "%25", "@", "%40", ":", "%3A", "/", "%2F", "?", "%3F", "#", "%23", " ", "%20").Replace
