package command

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/template"

	"github.com/retort-dev/retort/templates"
)

// status runs fn between Alembic's "<msg> ..." and "  done" (or "  FAILED").
func status(w io.Writer, msg string, fn func() error) error {
	fmt.Fprint(w, msg+" ...")
	if err := fn(); err != nil {
		fmt.Fprint(w, "  FAILED\n")
		return err
	}
	fmt.Fprint(w, "  done\n")
	return nil
}

// ListTemplatesOptions are the options of `list_templates`.
type ListTemplatesOptions struct {
	Global
}

// ListTemplates prints the templates `init` can use.
func ListTemplates(ctx context.Context, o ListTemplatesOptions, stdout, stderr io.Writer) error {
	all, err := templates.All()
	if err != nil {
		return err
	}
	var b bytes.Buffer
	b.WriteString("Available templates:\n\n")
	for _, t := range all {
		fmt.Fprintf(&b, "%s - %s\n", t.Name, t.Synopsis)
	}
	b.WriteString("\nTemplates are used via the 'init' command, e.g.:\n")
	b.WriteString("\n  retort init --template generic ./scripts\n")
	_, err = stdout.Write(b.Bytes())
	return err
}

// InitOptions are the options of `init`.
type InitOptions struct {
	Global
	Directory string // the script directory to create, as typed
	Template  string // "" means "generic"
	Package   bool   // accepted for Alembic compatibility; a retort project is no Python package
	// TargetMetadata and TargetMetadataCmd, when set, are written as the keys of the new
	// ini (ini syntax: %(here)s and %(dialect)s are expanded, %% is a literal %).
	TargetMetadata, TargetMetadataCmd string
}

// Init creates a script directory from a template and, unless it exists, the ini file.
func Init(ctx context.Context, o InitOptions, stdout, stderr io.Writer) error {
	dir := o.Directory
	if dir == "" {
		return errors.New("init requires a directory")
	}
	keys := iniKeys{TargetMetadata: o.TargetMetadata, TargetMetadataCmd: o.TargetMetadataCmd}
	if err := keys.check(); err != nil {
		return err
	}
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("Directory %s already exists and is not empty", dir)
	}
	name := o.Template
	if name == "" {
		name = "generic"
	}
	tmpl, ok, err := templates.Get(name)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("No such template '%s'", name)
	}
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	iniPath, err := filepath.Abs(o.ConfigPath())
	if err != nil {
		return err
	}
	if _, err := os.Stat(absDir); errors.Is(err, fs.ErrNotExist) {
		if err := status(stdout, "Creating directory "+absDir, func() error { return os.MkdirAll(absDir, 0o755) }); err != nil {
			return err
		}
	}
	versions := filepath.Join(absDir, "versions")
	if err := status(stdout, "Creating directory "+versions, func() error { return os.MkdirAll(versions, 0o755) }); err != nil {
		return err
	}
	entries, err := fs.ReadDir(tmpl.FS, ".")
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		if e.Name() == templates.IniTemplate {
			if _, err := os.Stat(iniPath); err == nil {
				fmt.Fprintf(stdout, "File %s already exists, skipping\n", iniPath)
				continue
			}
			loc := absDir
			if !filepath.IsAbs(dir) {
				loc = scriptLocation(iniPath, absDir)
			}
			keys.ScriptLocation = loc
			data, err := renderIni(tmpl.FS, keys)
			if err != nil {
				return err
			}
			if err := status(stdout, "Generating "+iniPath, func() error { return os.WriteFile(iniPath, data, 0o644) }); err != nil {
				return err
			}
			continue
		}
		data, err := fs.ReadFile(tmpl.FS, e.Name())
		if err != nil {
			return err
		}
		dest := filepath.Join(absDir, e.Name())
		if err := status(stdout, "Generating "+dest, func() error { return os.WriteFile(dest, data, 0o644) }); err != nil {
			return err
		}
	}
	fmt.Fprintf(stdout, "Please edit configuration/connection/logging settings in '%s' before proceeding.\n", iniPath)
	return nil
}

// scriptLocation is the script_location written into a new ini for a directory typed as a
// relative path: relative to the ini's directory through %(here)s, so the project works
// from any current directory (Alembic 1.8.1 writes it relative to the current directory).
func scriptLocation(iniPath, absDir string) string {
	rel, err := filepath.Rel(filepath.Dir(iniPath), absDir)
	if err != nil {
		return absDir
	}
	return "%(here)s/" + filepath.ToSlash(rel)
}

// iniKeys are the values the ini template fills in.
type iniKeys struct {
	ScriptLocation                    string
	TargetMetadata, TargetMetadataCmd string
}

func (k iniKeys) check() error {
	if k.TargetMetadata != "" && k.TargetMetadataCmd != "" {
		return errors.New("init: give only one of --target-metadata and --target-metadata-cmd")
	}
	if strings.ContainsAny(k.TargetMetadata+k.TargetMetadataCmd, "\r\n") {
		return errors.New("init: --target-metadata and --target-metadata-cmd take one line")
	}
	return nil
}

func renderIni(fsys fs.FS, keys iniKeys) ([]byte, error) {
	text, err := fs.ReadFile(fsys, templates.IniTemplate)
	if err != nil {
		return nil, err
	}
	t, err := template.New(templates.IniTemplate).Option("missingkey=error").Parse(string(text))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", templates.IniTemplate, err)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, keys); err != nil {
		return nil, fmt.Errorf("%s: %w", templates.IniTemplate, err)
	}
	return b.Bytes(), nil
}
