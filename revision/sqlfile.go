package revision

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/retort-dev/retort/sqlscript"
)

const (
	upgradeMarker   = "+upgrade"
	downgradeMarker = "+downgrade"
)

// headerKeys are the "-- key: value" lines of a .sql header; any other header line is
// part of the message.
var headerKeys = map[string]bool{
	"revision": true, "down_revision": true, "branch_labels": true, "depends_on": true,
	"create_date": true, "transactional": true,
	"lint": true, // "-- lint: ignore RULE reason" waivers, read by package lint; may repeat
}

// commentText returns the text of a "--" line after the dashes and one optional space, and
// whether the line is a comment at all.
func commentText(line []byte) ([]byte, bool) {
	t := bytes.TrimLeft(line, " \t")
	if len(t) < 2 || t[0] != '-' || t[1] != '-' {
		return nil, false
	}
	t = t[2:]
	if len(t) > 0 && t[0] == ' ' {
		t = t[1:]
	}
	return bytes.TrimRight(t, " \t\r"), true
}

// markerOf returns the section ("+upgrade" or "+downgrade") that a comment text opens.
func markerOf(text []byte) (string, bool) {
	switch t := bytes.TrimSpace(text); string(t) {
	case upgradeMarker:
		return upgradeMarker, true
	case downgradeMarker:
		return downgradeMarker, true
	}
	return "", false
}

// headerLines walks the header: leading blank lines, then the run of "--" lines up to the
// first other line or section marker. fn gets each header line's text and 1-based number.
// It returns the number of lines before the header's end and whether the header ended
// inside data. Unless atEOF, an unterminated last line is not looked at: the rest of the
// file may continue it.
func headerLines(data []byte, atEOF bool, fn func(text string, lineno int) error) (consumed int, ended bool, err error) {
	started := false
	for lineno := 1; ; lineno++ {
		nl := bytes.IndexByte(data, '\n')
		if nl < 0 && (!atEOF || len(data) == 0) {
			return lineno - 1, false, nil
		}
		var line []byte
		if nl < 0 {
			line, data = data, nil
		} else {
			line, data = data[:nl], data[nl+1:]
		}
		if !started && len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		text, ok := commentText(line)
		if !ok {
			return lineno - 1, true, nil
		}
		if _, isMarker := markerOf(text); isMarker {
			return lineno - 1, true, nil
		}
		started = true
		if fn != nil {
			if err := fn(string(text), lineno); err != nil {
				return 0, true, err
			}
		}
	}
}

// parseSQLHeader reads the header of a retort .sql revision file from data, the file or
// its start (atEOF false). ended is false when data ends before the header does; the file
// is then nil and the caller should read on.
func parseSQLHeader(path string, data []byte, atEOF bool) (f *File, ended bool, err error) {
	f = &File{Path: path, Format: SQL, Transactional: true}
	var doc []string
	seen := map[string]bool{}
	_, ended, err = headerLines(data, atEOF, func(text string, lineno int) error {
		k, v, ok := strings.Cut(text, ":")
		key := strings.TrimSpace(k)
		if !ok || !headerKeys[key] {
			doc = append(doc, text)
			return nil
		}
		if key == "lint" {
			return nil
		}
		if seen[key] {
			return fmt.Errorf("%s:%d: duplicate '%s' line in the header", path, lineno, key)
		}
		seen[key] = true
		v = strings.TrimSpace(v)
		switch key {
		case "revision":
			if err := ValidateID(v); err != nil {
				return fmt.Errorf("%s:%d: %w", path, lineno, err)
			}
			f.ID = v
		case "down_revision":
			f.Down = splitList(v)
		case "branch_labels":
			f.BranchLabels = splitList(v)
		case "depends_on":
			f.DependsOn = splitList(v)
		case "create_date":
			f.CreateDate = v
		case "transactional":
			b, ok := parseBool(v)
			if !ok {
				// a lone \r does not end a line here: keep the message on one line
				return fmt.Errorf("%s:%d: transactional: '%s' is not a boolean (expected true or false)", path, lineno, strings.ReplaceAll(v, "\r", `\r`))
			}
			f.Transactional = b
		}
		return nil
	})
	switch {
	case err != nil:
		return nil, true, err
	case !ended && !atEOF:
		return nil, false, nil
	case !seen["revision"]:
		return nil, true, fmt.Errorf("%s: no '-- revision: <id>' line in the header (the leading '--' comment lines)", path)
	}
	f.Doc = strings.TrimSpace(strings.Join(doc, "\n"))
	f.Message = firstParagraph(f.Doc)
	return f, true, nil
}

// parseBool accepts the boolean spellings of configparser/SQLAlchemy.
func parseBool(v string) (value, ok bool) {
	switch strings.ToLower(v) {
	case "true", "yes", "on", "y", "t", "1":
		return true, true
	case "false", "no", "off", "n", "f", "0":
		return false, true
	}
	return false, false
}

// sqlBody splits the upgrade or downgrade section of a .sql file into statements under
// opts. Non-comment text outside both sections, or a section given twice, is an error.
func sqlBody(path string, data []byte, up bool, opts sqlscript.Options) ([]sqlscript.Statement, error) {
	headerEnd, _, err := headerLines(data, true, nil)
	if err != nil {
		return nil, err
	}
	want := downgradeMarker
	if up {
		want = upgradeMarker
	}
	var (
		section  string
		opened   = map[string]bool{}
		body     []string
		bodyLine int
	)
	for i, line := range bytes.Split(data, []byte("\n")) {
		lineno := i + 1
		if lineno <= headerEnd {
			continue
		}
		text, isComment := commentText(line)
		if m, ok := markerOf(text); isComment && ok {
			if opened[m] {
				return nil, fmt.Errorf("%s:%d: second '-- %s' section", path, lineno, m)
			}
			opened[m] = true
			section = m
			if m == want {
				bodyLine = lineno + 1
			}
			continue
		}
		switch section {
		case "":
			if !isComment && len(bytes.TrimSpace(line)) > 0 {
				return nil, fmt.Errorf("%s:%d: SQL outside the '-- +upgrade' and '-- +downgrade' sections", path, lineno)
			}
		case want:
			body = append(body, string(line))
		}
	}
	if bodyLine == 0 {
		return nil, nil
	}
	stmts, err := opts.Split(strings.Join(body, "\n"), bodyLine)
	if se := (*sqlscript.SyntaxError)(nil); errors.As(err, &se) {
		return nil, fmt.Errorf("%s:%d: %s", path, se.Line, se.Problem())
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return stmts, nil
}
