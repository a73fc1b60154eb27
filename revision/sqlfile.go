package revision

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
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
}

// commentText returns the text of a "--" line after the dashes and one optional space, and
// whether the line is a comment at all.
func commentText(line string) (string, bool) {
	t := strings.TrimLeft(line, " \t")
	if !strings.HasPrefix(t, "--") {
		return "", false
	}
	return strings.TrimRight(strings.TrimPrefix(t[2:], " "), " \t\r"), true
}

// marker returns the section a "-- +upgrade" / "-- +downgrade" line opens.
func marker(line string) (string, bool) {
	text, ok := commentText(line)
	if !ok {
		return "", false
	}
	switch text = strings.TrimSpace(text); text {
	case upgradeMarker, downgradeMarker:
		return text, true
	}
	return "", false
}

// headerLines walks the header: leading blank lines, then the run of "--" lines up to the
// first other line or section marker. fn gets each header line's text and 1-based number.
// It returns the number of lines consumed and whether the header ended inside data (false
// when data ran out first, i.e. more of the file may belong to the header).
func headerLines(data []byte, fn func(text string, lineno int) error) (consumed int, ended bool, err error) {
	started := false
	lineno := 1
	for ; ; lineno++ {
		nl := bytes.IndexByte(data, '\n')
		if nl < 0 {
			return lineno - 1, false, nil
		}
		line := string(data[:nl])
		data = data[nl+1:]
		if !started && strings.TrimSpace(line) == "" {
			continue
		}
		text, ok := commentText(line)
		if !ok {
			return lineno - 1, true, nil
		}
		if _, isMarker := marker(line); isMarker {
			return lineno - 1, true, nil
		}
		started = true
		if fn != nil {
			if err := fn(text, lineno); err != nil {
				return 0, true, err
			}
		}
	}
}

// readSQLHeader reads the start of a .sql file, enough to hold its whole header, so a scan
// does not read large bodies.
func readSQLHeader(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf := make([]byte, 0, 4096)
	for {
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if errors.Is(err, io.EOF) || (err == nil && n == 0) {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
		if _, ended, _ := headerLines(buf, nil); ended {
			return buf, nil
		}
		if len(buf) == cap(buf) {
			buf = append(buf, make([]byte, len(buf))...)[:len(buf)]
		}
	}
}

// parseSQLHeader reads the header of a retort .sql revision file. data may be the whole
// file or any prefix that contains the header; a last line without newline is part of it.
func parseSQLHeader(path string, data []byte) (*File, error) {
	if len(data) > 0 && data[len(data)-1] != '\n' {
		data = append(data[:len(data):len(data)], '\n')
	}
	f := &File{Path: path, Format: SQL, Transactional: true}
	var doc []string
	seen := map[string]bool{}
	_, _, err := headerLines(data, func(text string, lineno int) error {
		k, v, ok := strings.Cut(text, ":")
		key := strings.TrimSpace(k)
		if !ok || !headerKeys[key] {
			doc = append(doc, text)
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
				return fmt.Errorf("%s:%d: transactional: '%s' is not a boolean (expected true or false)", path, lineno, v)
			}
			f.Transactional = b
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if !seen["revision"] {
		return nil, fmt.Errorf("%s: no '-- revision: <id>' line in the header (the leading '--' comment lines)", path)
	}
	f.Doc = strings.TrimSpace(strings.Join(doc, "\n"))
	f.Message = firstParagraph(f.Doc)
	return f, nil
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

// sqlBody splits the upgrade or downgrade section of a .sql file into statements.
// Non-comment text outside both sections, or a section given twice, is an error.
func sqlBody(path string, data []byte, up bool) ([]sqlscript.Statement, error) {
	text := string(data)
	headerEnd, _, err := headerLines(append(data[:len(data):len(data)], '\n'), nil)
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
	lines := strings.Split(text, "\n")
	for i, line := range lines {
		lineno := i + 1
		if lineno <= headerEnd {
			continue
		}
		if m, ok := marker(line); ok {
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
			if t := strings.TrimSpace(line); t != "" && !strings.HasPrefix(t, "--") {
				return nil, fmt.Errorf("%s:%d: SQL outside the '-- +upgrade' and '-- +downgrade' sections", path, lineno)
			}
		case want:
			body = append(body, line)
		}
	}
	if bodyLine == 0 {
		return nil, nil
	}
	stmts, err := sqlscript.Split(strings.Join(body, "\n"), bodyLine)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return stmts, nil
}
