// Package templates holds the project templates that `retort init` copies, embedded in the
// binary. Each template is a directory: its README's first line is the synopsis that
// `list_templates` prints, alembic.ini.tmpl becomes the project's ini and every other file is
// copied into the new script directory.
package templates

import (
	"bufio"
	"embed"
	"fmt"
	"io/fs"
	"strings"
)

//go:embed all:generic
var files embed.FS

// IniTemplate is the template file rendered into the ini path instead of being copied.
const IniTemplate = "alembic.ini.tmpl"

// Template is one embedded project template.
type Template struct {
	Name     string
	Synopsis string // first line of its README
	FS       fs.FS  // the template's files, rooted at its directory
}

// All returns the embedded templates in name order.
func All() ([]Template, error) {
	entries, err := fs.ReadDir(files, ".")
	if err != nil {
		return nil, err
	}
	var out []Template
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		t, err := load(e.Name())
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

// Get returns the template called name, or ok=false when there is none.
func Get(name string) (t Template, ok bool, err error) {
	if name == "" || name == "." || strings.ContainsAny(name, `/\`) {
		return Template{}, false, nil
	}
	if fi, err := fs.Stat(files, name); err != nil || !fi.IsDir() {
		return Template{}, false, nil
	}
	t, err = load(name)
	return t, err == nil, err
}

func load(name string) (Template, error) {
	sub, err := fs.Sub(files, name)
	if err != nil {
		return Template{}, err
	}
	f, err := sub.Open("README")
	if err != nil {
		return Template{}, fmt.Errorf("template %s: %w", name, err)
	}
	defer f.Close()
	first, _ := bufio.NewReader(f).ReadString('\n')
	return Template{Name: name, Synopsis: strings.TrimRight(first, "\r\n"), FS: sub}, nil
}
