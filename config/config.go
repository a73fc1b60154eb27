// Package config reads alembic.ini as Python's configparser does (BasicInterpolation,
// applied lazily on access; inline comments kept; %(here)s; %%), and exposes the keys
// Alembic and retort read from the main section, plus -x arguments and URL overrides.
package config

import (
	"errors"
	"time"
)

var errTODO = errors.New("config: not implemented yet")

// Config is a loaded ini file with its main section chosen.
type Config struct {
	Path    string   // the ini path as given (used in messages)
	Here    string   // absolute directory of the ini file
	Section string   // main section name ("alembic" unless -n)
	XArgs   []string // -x values in order
}

// Hook is one [post_write_hooks] entry.
type Hook struct {
	Name       string
	Type       string // exec or console_scripts
	Executable string // exec: .executable; console_scripts: .entrypoint
	Options    []string
	Cwd        string
}

// Load reads the ini at path with main section section. A missing file or section gives
// Alembic's "No config file '<path>' found, or file has no '[<section>]' section".
func Load(path, section string, xargs []string) (*Config, error) { return nil, errTODO }

// Get returns an interpolated key of the main section.
func (c *Config) Get(key string) (string, bool) { return "", false }

// GetIn returns an interpolated key of any section.
func (c *Config) GetIn(section, key string) (string, bool) { return "", false }

// ScriptLocation returns script_location made absolute against the current directory.
func (c *Config) ScriptLocation() (string, error) { return "", errTODO }

// VersionLocations returns the version directories (absolute), honouring
// version_locations and version_path_separator; default <script_location>/versions.
func (c *Config) VersionLocations() ([]string, error) { return nil, errTODO }

// RecursiveVersionLocations reports recursive_version_locations = true.
func (c *Config) RecursiveVersionLocations() bool { return false }

// FileTemplate returns file_template (default "%(rev)s_%(slug)s"), interpolated.
func (c *Config) FileTemplate() string { return "" }

// TruncateSlugLength returns truncate_slug_length (default 40; 0 means 40).
func (c *Config) TruncateSlugLength() (int, error) { return 40, nil }

// Timezone returns the location for create dates: time.Local unless timezone is set.
func (c *Config) Timezone() (*time.Location, error) { return time.Local, nil }

// RevisionEnvironment reads revision_environment as a configparser boolean.
func (c *Config) RevisionEnvironment() (bool, error) { return false, nil }

// OutputEncoding returns output_encoding (default utf-8).
func (c *Config) OutputEncoding() string { return "utf-8" }

// URL returns the database URL: -x url=..., else $DATABASE_URL, else sqlalchemy.url.
func (c *Config) URL() (string, error) { return "", errTODO }

// XArg returns the value of -x name=value (last one wins).
func (c *Config) XArg(name string) (string, bool) { return "", false }

// PostWriteHooks returns the hooks of [post_write_hooks] in declared order.
func (c *Config) PostWriteHooks() ([]Hook, error) { return nil, nil }
