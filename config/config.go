// Package config reads alembic.ini as Python's configparser does (BasicInterpolation,
// applied lazily on access; inline comments kept; %(here)s; %%), and exposes the keys
// Alembic and retort read from the main section, plus -x arguments and URL overrides.
package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Config is a loaded ini file with its main section chosen.
type Config struct {
	Path    string   // the ini path as given (used in messages)
	Here    string   // absolute directory of the ini file
	Section string   // main section name ("alembic" unless -n)
	XArgs   []string // -x values in order

	file *iniFile
}

// NotFoundError is Alembic's error for a missing ini file or main section.
type NotFoundError struct {
	Path, Section string
}

func (e *NotFoundError) Error() string {
	return fmt.Sprintf("No config file '%s' found, or file has no '[%s]' section", e.Path, e.Section)
}

// DefaultFileTemplate is Alembic's file_template default.
const DefaultFileTemplate = "%(rev)s_%(slug)s"

// eagerKeys are the main-section keys every Alembic command reads when it opens the script
// directory; their interpolation errors are reported by Load, so their accessors cannot fail.
var eagerKeys = []string{
	"script_location", "file_template", "truncate_slug_length", "version_locations",
	"version_path_separator", "path_separator", "prepend_sys_path", "sourceless",
	"output_encoding", "timezone", "recursive_version_locations",
}

// hooksSection is read whole by Alembic (every key interpolated) whenever it opens the
// script directory.
const hooksSection = "post_write_hooks"

// Load reads the ini at path with main section section. A missing file or section gives
// Alembic's "No config file '<path>' found, or file has no '[<section>]' section".
func Load(path, section string, xargs []string) (*Config, error) {
	notFound := &NotFoundError{Path: path, Section: section}
	data, err := os.ReadFile(path)
	if err != nil {
		// configparser skips files it cannot read; the missing section then reports it.
		return nil, notFound
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	here := filepath.Dir(abs)
	f, err := parseINI(path, string(data), map[string]string{"here": here})
	if err != nil {
		return nil, err
	}
	if _, ok := f.sections[section]; !ok {
		return nil, notFound
	}
	c := &Config{Path: path, Here: here, Section: section, XArgs: xargs, file: f}
	for _, k := range eagerKeys {
		if _, _, err := c.Lookup(k); err != nil {
			return nil, err
		}
	}
	if s, ok := f.sections[hooksSection]; ok {
		for _, k := range s.keys {
			if _, _, err := c.LookupIn(hooksSection, k); err != nil {
				return nil, err
			}
		}
	}
	return c, nil
}

// Lookup returns an interpolated key of the main section; ok is false when it is absent.
func (c *Config) Lookup(key string) (value string, ok bool, err error) {
	return c.LookupIn(c.Section, key)
}

// LookupIn returns an interpolated key of any section (or of [DEFAULT] through it).
func (c *Config) LookupIn(section, key string) (value string, ok bool, err error) {
	if c.file == nil { // a Config not made by Load has no keys
		return "", false, nil
	}
	return c.file.get(c.Path, section, strings.ToLower(key), nil)
}

// Get returns an interpolated key of the main section. A value that cannot be
// interpolated reads as absent; use Lookup to get the error.
func (c *Config) Get(key string) (string, bool) {
	v, ok, err := c.Lookup(key)
	return v, ok && err == nil
}

// GetIn returns an interpolated key of any section, like Get.
func (c *Config) GetIn(section, key string) (string, bool) {
	v, ok, err := c.LookupIn(section, key)
	return v, ok && err == nil
}

// eager returns a key validated by Load.
func (c *Config) eager(key string) (string, bool) {
	v, ok, _ := c.Lookup(key)
	return v, ok
}

// ScriptLocation returns script_location made absolute against the current directory.
func (c *Config) ScriptLocation() (string, error) {
	v, ok := c.eager("script_location")
	if !ok {
		return "", errors.New("No 'script_location' key found in configuration.")
	}
	abs, err := filepath.Abs(v)
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(v); err != nil {
		return "", fmt.Errorf("Path doesn't exist: '%s'.  Please use the 'init' command to create a new scripts folder.", abs)
	}
	return abs, nil
}

// pathSeparators maps the values of path_separator / version_path_separator to the split
// string.
var pathSeparators = map[string]string{
	"space":   " ",
	"newline": "\n",
	"os":      string(os.PathListSeparator),
	":":       ":",
	";":       ";",
}

// legacySplit is Alembic's split of version_locations when no separator key is set.
var legacySplit = regexp.MustCompile(`, *| +`)

// VersionLocations returns the version directories (absolute), honouring
// version_locations and version_path_separator; default <script_location>/versions.
func (c *Config) VersionLocations() ([]string, error) {
	v, _ := c.eager("version_locations")
	if v == "" {
		loc, err := c.ScriptLocation()
		if err != nil {
			return nil, err
		}
		return []string{filepath.Join(loc, "versions")}, nil
	}
	parts, err := c.splitPaths(v)
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(parts))
	for _, p := range parts {
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil, err
		}
		out = append(out, abs)
	}
	return out, nil
}

// splitPaths splits a path list by path_separator (newer Alembic), else
// version_path_separator, else the legacy comma/space rule; empty entries are dropped.
func (c *Config) splitPaths(v string) ([]string, error) {
	var raw []string
	if sep, ok := c.eager("path_separator"); ok {
		s, known := pathSeparators[sep]
		if !known {
			return nil, fmt.Errorf("'%s' is not a valid value for path_separator; expected 'space', 'newline', 'os', ':', ';'", sep)
		}
		raw = strings.Split(v, s)
	} else if sep, ok := c.eager("version_path_separator"); ok {
		s, known := pathSeparators[sep]
		if !known {
			return nil, fmt.Errorf("'%s' is not a valid value for version_path_separator; expected 'space', 'os', ':', ';'", sep)
		}
		raw = strings.Split(v, s)
	} else {
		raw = legacySplit.Split(v, -1)
	}
	out := raw[:0]
	for _, p := range raw {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out, nil
}

// RecursiveVersionLocations reports recursive_version_locations = true.
func (c *Config) RecursiveVersionLocations() bool {
	v, _ := c.eager("recursive_version_locations")
	return v == "true"
}

// FileTemplate returns file_template (default "%(rev)s_%(slug)s"), interpolated.
func (c *Config) FileTemplate() string {
	if v, ok := c.eager("file_template"); ok {
		return v
	}
	return DefaultFileTemplate
}

// TruncateSlugLength returns truncate_slug_length (default 40; 0 means 40).
func (c *Config) TruncateSlugLength() (int, error) {
	v, ok := c.eager("truncate_slug_length")
	if !ok {
		return 40, nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%s: truncate_slug_length: '%s' is not a non-negative integer", c.Path, v)
	}
	if n == 0 {
		return 40, nil
	}
	return n, nil
}

// Timezone returns the location for create dates: time.Local unless timezone is set.
// Like Alembic 1.8.1, a name not found as written is retried in upper case.
func (c *Config) Timezone() (*time.Location, error) {
	v, ok := c.eager("timezone")
	if !ok || v == "" {
		return time.Local, nil
	}
	for _, name := range []string{v, strings.ToUpper(v)} {
		if name == "Local" {
			continue // time.LoadLocation's alias, not a zone name
		}
		if loc, err := time.LoadLocation(name); err == nil {
			return loc, nil
		}
	}
	return nil, fmt.Errorf("Can't locate timezone: %s", v)
}

// RevisionEnvironment reads revision_environment as a configparser boolean.
func (c *Config) RevisionEnvironment() (bool, error) {
	return c.boolOption("revision_environment")
}

// OutputEncoding returns output_encoding (default utf-8).
func (c *Config) OutputEncoding() string {
	if v, ok := c.eager("output_encoding"); ok {
		return v
	}
	return "utf-8"
}

// URL returns the database URL: -x url=..., else $DATABASE_URL, else sqlalchemy.url.
// An empty -x url is an error rather than a fall back to the ini's database, which would
// migrate a database the user did not mean.
func (c *Config) URL() (string, error) {
	url, _, err := c.URLSource()
	return url, err
}

// URLSource returns the database URL as URL does and where it came from, for the log
// line naming the database: "-x url", "$DATABASE_URL" (saying when it overrides a
// sqlalchemy.url of the ini: Alembic never reads it) or "sqlalchemy.url in FILE".
func (c *Config) URLSource() (url, source string, err error) {
	inIni := fmt.Sprintf("sqlalchemy.url in %s", c.Path)
	if c.Section != "alembic" {
		inIni = fmt.Sprintf("sqlalchemy.url in [%s] of %s", c.Section, c.Path)
	}
	overrides := func(what string) string {
		if v, ok, err := c.Lookup("sqlalchemy.url"); ok && err == nil && strings.TrimSpace(v) != "" {
			return what + ", overriding " + inIni
		}
		return what
	}
	if v, ok := c.XArg("url"); ok || slices.Contains(c.XArgs, "url") {
		if strings.TrimSpace(v) == "" { // -x url= or a bare -x url
			return "", "", errors.New("-x url: the database URL is empty (give one, e.g. -x url=sqlite:///app.db, or leave out -x url)")
		}
		return v, overrides("-x url"), nil
	}
	if v := os.Getenv("DATABASE_URL"); v != "" {
		return v, overrides("$DATABASE_URL"), nil
	}
	v, ok, err := c.Lookup("sqlalchemy.url")
	if err != nil {
		return "", "", err
	}
	if !ok || v == "" {
		return "", "", fmt.Errorf("no database URL: set sqlalchemy.url in section '[%s]' of %s, $DATABASE_URL, or -x url=...", c.Section, c.Path)
	}
	return v, inIni, nil
}

// XArg returns the value of -x name=value (last one wins).
func (c *Config) XArg(name string) (string, bool) {
	val, found := "", false
	for _, a := range c.XArgs {
		if k, v, ok := strings.Cut(a, "="); ok && k == name {
			val, found = v, true
		}
	}
	return val, found
}

// TargetMetadata returns target_metadata (a .sql file or folder) as written, or "" when
// unset. A relative path is relative to the ini's directory (Here), so autogenerate works
// from any directory.
func (c *Config) TargetMetadata() (string, error) { return c.str("target_metadata", "") }

// TargetMetadataCmd returns target_metadata_cmd (a shell command printing DDL, run in
// the ini's directory), or "". %(dialect)s in the value is the SQLAlchemy name of the
// database's dialect ("sqlite", "postgresql"), so one command serves every database.
func (c *Config) TargetMetadataCmd(dialect string) (string, error) {
	if c.file == nil {
		return "", nil
	}
	v, ok, err := c.file.get(c.Path, c.Section, "target_metadata_cmd", map[string]string{"dialect": dialect})
	if err != nil || !ok {
		return "", err
	}
	return strings.TrimSpace(v), nil
}

// DefaultCommandTimeout bounds target_metadata_cmd and each post-write hook when
// command_timeout is not set.
const DefaultCommandTimeout = 5 * time.Minute

// CommandTimeout reads command_timeout: how long target_metadata_cmd and each post-write
// hook may run before their process group is killed. A Go duration ("90s", "10m") or a
// number of seconds; 0 means no limit.
func (c *Config) CommandTimeout() (time.Duration, error) {
	v, err := c.str("command_timeout", "")
	if err != nil || v == "" {
		return DefaultCommandTimeout, err
	}
	if secs, err := strconv.ParseFloat(v, 64); err == nil && secs >= 0 && secs < 1e9 {
		return time.Duration(secs * float64(time.Second)), nil
	}
	if d, err := time.ParseDuration(v); err == nil && d >= 0 {
		return d, nil
	}
	return 0, fmt.Errorf("%s: command_timeout: '%s' is not a duration (e.g. 90s, 5m, or a number of seconds)", c.Path, v)
}

// LeaseLock reads migration_lock: "lease" takes the migration lock as a lease row, which
// holds behind PgBouncer's transaction pooling; "session" (the default) is the
// database's own lock (PostgreSQL's advisory lock, SQLite's file lock).
func (c *Config) LeaseLock() (bool, error) {
	v, err := c.str("migration_lock", "session")
	switch {
	case err != nil:
		return false, err
	case v == "lease":
		return true, nil
	case v == "session":
		return false, nil
	}
	return false, fmt.Errorf("%s: migration_lock: '%s' is not 'session' or 'lease'", c.Path, v)
}

// DevURL returns dev_url (the scratch database for autogenerate), or "".
func (c *Config) DevURL() (string, error) { return c.str("dev_url", "") }

// VersionTable returns version_table (default alembic_version).
func (c *Config) VersionTable() (string, error) { return c.str("version_table", "alembic_version") }

// VersionTableSchema returns version_table_schema, or "" for the default schema.
func (c *Config) VersionTableSchema() (string, error) { return c.str("version_table_schema", "") }

// AutogenerateCache reads autogenerate_cache (default true): whether autogenerate may
// cache the normalised desired schema.
func (c *Config) AutogenerateCache() (bool, error) {
	if _, ok, err := c.Lookup("autogenerate_cache"); err != nil || !ok {
		return true, err
	}
	return c.boolOption("autogenerate_cache")
}

// Python returns the interpreter (with Alembic installed) that runs the .py revision
// bodies retort cannot run natively: the key python, "" when unset (python3 on PATH).
func (c *Config) Python() (string, error) { return c.str("python", "") }

// PrependSysPath returns prepend_sys_path split as Alembic splits it (on commas, spaces
// and colons), for the Python that runs revision bodies.
func (c *Config) PrependSysPath() []string {
	v, _ := c.eager("prepend_sys_path")
	if strings.TrimSpace(v) == "" {
		return nil
	}
	return sysPathSplit.Split(v, -1)
}

// sysPathSplit is Alembic's _split_on_space_comma_colon.
var sysPathSplit = regexp.MustCompile(`, *|(?: +)|:`)

// TransactionPerMigration reads transaction_per_migration (default false).
func (c *Config) TransactionPerMigration() (bool, error) {
	return c.boolOption("transaction_per_migration")
}

// IncludeSchemas returns include_schemas (comma or whitespace separated), nil when unset.
func (c *Config) IncludeSchemas() ([]string, error) { return c.list("include_schemas") }

// ExcludeTables returns exclude_tables (comma or whitespace separated), nil when unset.
func (c *Config) ExcludeTables() ([]string, error) { return c.list("exclude_tables") }

// str returns a trimmed main-section key, or def when absent or empty.
func (c *Config) str(key, def string) (string, error) {
	v, ok, err := c.Lookup(key)
	if err != nil {
		return "", err
	}
	if v = strings.TrimSpace(v); !ok || v == "" {
		return def, nil
	}
	return v, nil
}

func (c *Config) list(key string) ([]string, error) {
	v, err := c.str(key, "")
	if err != nil || v == "" {
		return nil, err
	}
	return strings.FieldsFunc(v, func(r rune) bool {
		return r == ',' || r == ' ' || r == '\t' || r == '\n'
	}), nil
}

// boolOption parses a key as SQLAlchemy's asbool does (Alembic's reader for booleans):
// true/yes/on/y/t/1, false/no/off/n/f/0, case-insensitive; absent is false.
func (c *Config) boolOption(key string) (bool, error) {
	v, ok, err := c.Lookup(key)
	if err != nil || !ok {
		return false, err
	}
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "true", "yes", "on", "y", "t", "1":
		return true, nil
	case "false", "no", "off", "n", "f", "0":
		return false, nil
	}
	return false, fmt.Errorf("%s: %s: '%s' is not a boolean (expected true/false, yes/no, on/off, 1/0)", c.Path, key, v)
}
