package command

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/retort-dev/retort/config"
	"github.com/retort-dev/retort/graph"
	"github.com/retort-dev/retort/revision"
)

// Global holds the options every command shares (the flags before the sub-command).
type Global struct {
	Config string   // -c/--config; "" means $ALEMBIC_CONFIG, then "alembic.ini"
	Name   string   // -n/--name: the main ini section; "" means "alembic"
	XArgs  []string // -x values, in order
}

// ConfigPath returns the ini path the options designate, as Alembic picks it.
func (g Global) ConfigPath() string {
	if g.Config != "" {
		return g.Config
	}
	if env := os.Getenv("ALEMBIC_CONFIG"); env != "" {
		return env
	}
	return "alembic.ini"
}

func (g Global) section() string {
	if g.Name != "" {
		return g.Name
	}
	return "alembic"
}

// LoadConfig reads the ini the options designate.
func LoadConfig(g Global) (*config.Config, error) {
	return config.Load(g.ConfigPath(), g.section(), g.XArgs)
}

// Project is a loaded migration project: its configuration, its revision files and the
// revision graph they form.
type Project struct {
	Config           *config.Config
	ScriptDir        string   // script_location, absolute
	VersionLocations []string // absolute, in configured order
	Files            []*revision.File
	ByID             map[string]*revision.File
	Map              *graph.Map
}

// Load reads the ini the options designate, finds the script directory and the version
// locations, reads every revision header and builds the graph. Errors are Alembic's
// messages; revision-file errors name the file.
func Load(g Global) (*Project, error) {
	cfg, err := LoadConfig(g)
	if err != nil {
		return nil, err
	}
	return LoadFrom(cfg)
}

// LoadFrom is Load for an already read configuration.
func LoadFrom(cfg *config.Config) (*Project, error) {
	dir, err := cfg.ScriptLocation()
	if err != nil {
		return nil, err
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("Path doesn't exist: '%s'.  Please use the 'init' command to create a new scripts folder.", dir)
	}
	locs, err := cfg.VersionLocations()
	if err != nil {
		return nil, err
	}
	files, err := revision.Scan(locs, cfg.RecursiveVersionLocations())
	if err != nil {
		return nil, err
	}
	p, err := newProject(files)
	if err != nil {
		return nil, err
	}
	p.Config, p.ScriptDir, p.VersionLocations = cfg, dir, locs
	return p, nil
}

// someVersionLocation fails when no version location exists: a database command would
// otherwise see an empty history and, say, create an empty version table and succeed
// (Alembic fails on a missing versions folder too). `revision` creates the folder instead.
func (p *Project) someVersionLocation() error {
	for _, l := range p.VersionLocations {
		if fi, err := os.Stat(l); err == nil && fi.IsDir() {
			return nil
		}
	}
	switch {
	case len(p.VersionLocations) == 0:
		return nil // a project loaded from an fs.FS (LoadFS)
	case len(p.VersionLocations) == 1 && p.VersionLocations[0] == filepath.Join(p.ScriptDir, "versions"):
		return fmt.Errorf("No such directory: '%s' (script_location %s has no versions folder: create it, or set version_locations)", p.VersionLocations[0], p.ScriptDir)
	}
	return fmt.Errorf("%s: none of the version_locations exists: %s", p.Config.Path, strings.Join(p.VersionLocations, ", "))
}

// newProject builds the graph of files (in load order).
func newProject(files []*revision.File) (*Project, error) {
	revs := make([]graph.Revision, len(files))
	for i, f := range files {
		revs[i] = f.Revision
	}
	m, err := graph.New(revs)
	if err != nil {
		return nil, fileError(err, files)
	}
	byID := make(map[string]*revision.File, len(files))
	for _, f := range files {
		byID[f.ID] = f
	}
	return &Project{Files: files, ByID: byID, Map: m}, nil
}

// fileError names the files behind a graph error that only knows revision ids (a
// duplicate id, a reference to a missing revision) and gives other graph errors their
// command-level text.
func fileError(err error, files []*revision.File) error {
	pathsOf := func(id string) []string {
		var paths []string
		for _, f := range files {
			if f.ID == id {
				paths = append(paths, f.Path)
			}
		}
		return paths
	}
	var (
		dup  *graph.DuplicateRevisionError
		miss *graph.MissingRevisionError
	)
	switch {
	case errors.As(err, &dup):
		return fmt.Errorf("Revision %s is present more than once: %s", dup.Revision, strings.Join(pathsOf(dup.Revision), ", "))
	case errors.As(err, &miss):
		if paths := pathsOf(miss.From); len(paths) > 0 {
			return fmt.Errorf("Revision %s referenced from %s is not present", miss.Revision, paths[0])
		}
	}
	return graph.ToCommandError(err)
}

// File returns the revision file of a node id known to the graph.
func (p *Project) File(id string) *revision.File { return p.ByID[id] }

// versionLocation returns the configured location equal to path once both are absolute
// and cleaned, or "" when there is none.
func (p *Project) versionLocation(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return ""
	}
	for _, l := range p.VersionLocations {
		if filepath.Clean(l) == filepath.Clean(abs) {
			return l
		}
	}
	return ""
}
