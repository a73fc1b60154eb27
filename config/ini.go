package config

import (
	"fmt"
	"strings"
)

// defaultSection is configparser's section whose keys every other section sees.
const defaultSection = "DEFAULT"

// iniFile is a parsed ini file with raw (uninterpolated) values, as configparser keeps them.
type iniFile struct {
	defaults map[string]string
	sections map[string]*iniSection
}

type iniSection struct {
	keys   []string // declaration order
	values map[string]string
}

func newSection() *iniSection { return &iniSection{values: map[string]string{}} }

func (s *iniSection) set(key, value string) {
	if _, ok := s.values[key]; !ok {
		s.keys = append(s.keys, key)
	}
	s.values[key] = value
}

// parseINI reads src with the rules of Python's configparser.ConfigParser defaults:
// "=" or ":" delimiters, "#"/";" full-line comments only (inline comments stay in the
// value), keys lowercased, deeper-indented lines continue the previous value, blank lines
// inside a value kept, duplicate sections or keys rejected (strict mode). name is used in
// errors. gopkg.in/ini.v1 is not used because it differs on exactly these points: it strips
// surrounding quotes, joins lines ending in "\", reads """...""" blocks, and merges
// duplicates instead of rejecting them.
func parseINI(name, src string, defaults map[string]string) (*iniFile, error) {
	f := &iniFile{defaults: map[string]string{}, sections: map[string]*iniSection{}}
	for k, v := range defaults {
		f.defaults[k] = v
	}
	src = strings.TrimPrefix(src, "\ufeff")
	// Universal newlines, as Python opens the file: \r\n and a lone \r end a line.
	src = strings.ReplaceAll(src, "\r\n", "\n")
	src = strings.ReplaceAll(src, "\r", "\n")

	var (
		cur       map[string][]string // values under construction of the current section
		curName   string
		optName   string
		indent    int
		order     []string
		pending   = map[string]map[string][]string{}
		keyOrder  = map[string][]string{}
		seenKeys  = map[string]bool{}
		seenSects = map[string]bool{}
	)
	lines := strings.Split(src, "\n")
	if len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	for i, line := range lines {
		lineno := i + 1
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "#") || strings.HasPrefix(trimmed, ";") {
			continue // comment lines neither end nor extend a value
		}
		if trimmed == "" {
			if cur != nil && optName != "" {
				cur[optName] = append(cur[optName], "")
			}
			continue
		}
		lineIndent := len(line) - len(strings.TrimLeft(line, " \t\f\v"))
		if cur != nil && optName != "" && lineIndent > indent {
			cur[optName] = append(cur[optName], trimmed)
			continue
		}
		indent = lineIndent
		if header, ok := sectionHeader(trimmed); ok {
			if seenSects[header] {
				return nil, fmt.Errorf("%s:%d: section '%s' already exists", name, lineno, header)
			}
			if header != defaultSection {
				seenSects[header] = true
				order = append(order, header)
			}
			if pending[header] == nil {
				pending[header] = map[string][]string{}
			}
			cur, curName, optName = pending[header], header, ""
			continue
		}
		if cur == nil {
			return nil, fmt.Errorf("%s:%d: file contains no section headers", name, lineno)
		}
		key, value, ok := splitOption(trimmed)
		if !ok {
			return nil, fmt.Errorf("%s:%d: cannot parse line %q (expected 'key = value')", name, lineno, trimmed)
		}
		if seenKeys[curName+"\x00"+key] {
			return nil, fmt.Errorf("%s:%d: option '%s' in section '%s' already exists", name, lineno, key, curName)
		}
		seenKeys[curName+"\x00"+key] = true
		keyOrder[curName] = append(keyOrder[curName], key)
		cur[key] = []string{value}
		optName = key
	}
	join := func(parts []string) string { return strings.TrimRight(strings.Join(parts, "\n"), " \t\n\r\f\v") }
	for _, k := range keyOrder[defaultSection] {
		f.defaults[k] = join(pending[defaultSection][k])
	}
	for _, s := range order {
		sec := newSection()
		for _, k := range keyOrder[s] {
			sec.set(k, join(pending[s][k]))
		}
		f.sections[s] = sec
	}
	return f, nil
}

// sectionHeader matches configparser's `\[(?P<header>.+)\]` at the start of a line: the
// header runs to the last "]" and anything after it is ignored.
func sectionHeader(line string) (string, bool) {
	if !strings.HasPrefix(line, "[") {
		return "", false
	}
	end := strings.LastIndexByte(line, ']')
	if end < 2 {
		return "", false
	}
	return line[1:end], true
}

// splitOption splits at the first "=" or ":"; the key is lowercased and trimmed.
func splitOption(line string) (key, value string, ok bool) {
	i := strings.IndexAny(line, "=:")
	if i < 0 {
		return "", "", false
	}
	key = strings.ToLower(strings.TrimSpace(line[:i]))
	if key == "" {
		return "", "", false
	}
	return key, strings.TrimSpace(line[i+1:]), true
}

// raw returns the uninterpolated value of key in section, falling back to [DEFAULT].
func (f *iniFile) raw(section, key string) (string, bool) {
	if s, ok := f.sections[section]; ok {
		if v, ok := s.values[key]; ok {
			return v, true
		}
	} else if section != defaultSection {
		return "", false
	}
	v, ok := f.defaults[key]
	return v, ok
}

// maxInterpolationDepth is configparser's MAX_INTERPOLATION_DEPTH.
const maxInterpolationDepth = 10

// InterpolationError is a value that BasicInterpolation cannot expand. Its message never
// repeats the raw value, which may hold a password.
type InterpolationError struct {
	File, Section, Key string
	Reason             string
}

func (e *InterpolationError) Error() string {
	return fmt.Sprintf("%s: bad value for '%s' in section '%s': %s", e.File, e.Key, e.Section, e.Reason)
}

// get returns the value of key in section after BasicInterpolation: %(name)s is another key
// of the section or [DEFAULT] (expanded recursively), %% is a literal %. vars are extra
// names that win over the file's keys, as configparser's get(..., vars=...).
func (f *iniFile) get(file, section, key string, vars map[string]string) (string, bool, error) {
	v, ok := f.raw(section, key)
	if !ok {
		return "", false, nil
	}
	var b strings.Builder
	if err := f.interpolate(&b, section, v, 1, vars); err != nil {
		return "", true, &InterpolationError{File: file, Section: section, Key: key, Reason: err.Error()}
	}
	return b.String(), true, nil
}

func (f *iniFile) interpolate(b *strings.Builder, section, rest string, depth int, vars map[string]string) error {
	if depth > maxInterpolationDepth {
		return fmt.Errorf("interpolation nested deeper than %d levels", maxInterpolationDepth)
	}
	for {
		p := strings.IndexByte(rest, '%')
		if p < 0 {
			b.WriteString(rest)
			return nil
		}
		b.WriteString(rest[:p])
		rest = rest[p:]
		switch {
		case strings.HasPrefix(rest, "%%"):
			b.WriteByte('%')
			rest = rest[2:]
		case strings.HasPrefix(rest, "%("):
			end := strings.IndexByte(rest, ')')
			if end < 3 || end+1 >= len(rest) || rest[end+1] != 's' {
				return fmt.Errorf("bad interpolation variable reference (expected %%(name)s; write %%%% for a literal %%)")
			}
			name := strings.ToLower(rest[2:end])
			rest = rest[end+2:]
			v, ok := vars[name]
			if !ok {
				v, ok = f.raw(section, name)
			}
			if !ok {
				// a name may span continuation lines: keep the message on one line
				return fmt.Errorf("interpolation key '%s' is not a known option", strings.ReplaceAll(name, "\n", `\n`))
			}
			if err := f.interpolate(b, section, v, depth+1, vars); err != nil {
				return err
			}
		default:
			return fmt.Errorf("'%%' must be followed by '%%' or '(' (write %%%% for a literal %%)")
		}
	}
}
