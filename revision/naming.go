package revision

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/google/uuid"
)

// NewID returns a new revision id: the last 12 hex digits of a UUID4.
func NewID() string {
	s := uuid.NewString()
	return s[len(s)-12:]
}

// illegalIDChars are Alembic's forbidden characters (@ - +, and : since 1.17.1), plus the
// separators of retort's header lists and of paths, which would corrupt a .sql header or a
// file name.
const illegalIDChars = "@-+:, \t/\\"

// ValidateID rejects ids with characters Alembic forbids, with Alembic's message, and
// ids with other white space or control characters, which a header line cannot hold.
func ValidateID(id string) error {
	if id == "" {
		return fmt.Errorf("Revision identifier must not be empty")
	}
	if strings.IndexFunc(id, func(r rune) bool {
		return r != ' ' && r != '\t' && (unicode.IsSpace(r) || unicode.IsControl(r))
	}) >= 0 {
		// Not printable in Alembic's message, and a line break would end the header line.
		return fmt.Errorf("Revision identifier %q holds a line break, white space or a control character", id)
	}
	var bad []string
	for _, r := range illegalIDChars {
		if strings.ContainsRune(id, r) {
			bad = append(bad, string(r))
		}
	}
	if len(bad) == 0 {
		return nil
	}
	sort.Strings(bad)
	return fmt.Errorf("Character(s) '%s' not allowed in revision identifier '%s'", strings.Join(bad, ", "), id)
}

// DefaultTruncateSlugLength is Alembic's truncate_slug_length default.
const DefaultTruncateSlugLength = 40

// Slug turns a message into a file-name slug as Alembic does (Unicode \w runs joined by _,
// lowercased, truncated to truncate at the last _ with a trailing _).
// truncate <= 0 means the default, 40. Lengths count characters, not bytes.
func Slug(message string, truncate int) string {
	if truncate <= 0 {
		truncate = DefaultTruncateSlugLength
	}
	words := strings.FieldsFunc(message, func(r rune) bool { return !isWordRune(r) })
	slug := []rune(pyLower(strings.Join(words, "_")))
	if len(slug) <= truncate {
		return string(slug)
	}
	cut := slug[:truncate]
	for i := len(cut) - 1; i >= 0; i-- {
		if cut[i] == '_' {
			cut = cut[:i]
			break
		}
	}
	return string(cut) + "_"
}

// isWordRune is Python's Unicode \w: letters, digits and other numerics, and "_".
func isWordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r)
}

// pyLower is str.lower(): Go's simple case mapping plus Python's two special cases
// (İ becomes i + combining dot; Σ at the end of a word becomes final sigma ς).
func pyLower(s string) string {
	rs := []rune(s)
	var b strings.Builder
	cased := func(i int) bool {
		return i >= 0 && i < len(rs) && (unicode.IsUpper(rs[i]) || unicode.IsLower(rs[i]) || unicode.IsTitle(rs[i]))
	}
	for i, r := range rs {
		switch {
		case r == 'İ':
			b.WriteString("i\u0307")
		case r == 'Σ' && cased(i-1) && !cased(i+1):
			b.WriteRune('ς')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// FileName applies file_template (Python %-formatting of rev, slug, epoch, year...second)
// and returns the name without extension.
func FileName(template, rev, slug string, created time.Time) (string, error) {
	values := map[string]any{
		"rev": rev, "slug": slug, "epoch": created.Unix(),
		"year": created.Year(), "month": int(created.Month()), "day": created.Day(),
		"hour": created.Hour(), "minute": created.Minute(), "second": created.Second(),
	}
	out, err := percentFormat(template, values)
	if err != nil {
		return "", fmt.Errorf("file_template '%s': %w", template, err)
	}
	return out, nil
}

// percentFormat is Python's `template % mapping` for the conversions a file name needs:
// %(key)s, %(key)d/i/u, %(key)x/X/o with flags -+ #0, a width and a precision; %% is %.
func percentFormat(template string, values map[string]any) (string, error) {
	var b strings.Builder
	for i := 0; i < len(template); i++ {
		c := template[i]
		if c != '%' {
			b.WriteByte(c)
			continue
		}
		i++
		if i >= len(template) {
			return "", fmt.Errorf("incomplete format")
		}
		if template[i] == '%' {
			b.WriteByte('%')
			continue
		}
		if template[i] != '(' {
			return "", fmt.Errorf("format requires a mapping (use %%(name)s)")
		}
		end := strings.IndexByte(template[i:], ')')
		if end < 0 {
			return "", fmt.Errorf("incomplete format key")
		}
		key := template[i+1 : i+end]
		i += end + 1
		j := i
		for j < len(template) && strings.IndexByte("-+ #0", template[j]) >= 0 {
			j++
		}
		flags := template[i:j]
		for j < len(template) && (template[j] >= '0' && template[j] <= '9' || template[j] == '.') {
			j++
		}
		widthPrec := template[i+len(flags) : j]
		for j < len(template) && strings.IndexByte("hlL", template[j]) >= 0 {
			j++ // length modifiers are accepted and ignored, as in Python
		}
		if j >= len(template) {
			return "", fmt.Errorf("incomplete format")
		}
		conv := template[j]
		i = j
		v, ok := values[key]
		if !ok {
			return "", fmt.Errorf("unknown key '%s' (known: rev, slug, epoch, year, month, day, hour, minute, second)", key)
		}
		switch conv {
		case 's':
			var s string
			switch v := v.(type) {
			case string:
				s = v
			default:
				s = fmt.Sprint(v)
			}
			// Python ignores the 0 flag for strings; Go would pad with zeros.
			b.WriteString(fmt.Sprintf("%"+strings.ReplaceAll(flags, "0", "")+widthPrec+"s", s))
		case 'd', 'i', 'u', 'x', 'X', 'o':
			n, isInt := toInt(v)
			if !isInt {
				return "", fmt.Errorf("%%%c format: a real number is required, not str (key '%s')", conv, key)
			}
			goConv := conv
			if conv == 'i' || conv == 'u' {
				goConv = 'd'
			}
			b.WriteString(fmt.Sprintf("%"+flags+widthPrec+string(goConv), n))
		default:
			return "", fmt.Errorf("unsupported format character '%c'", conv)
		}
	}
	return b.String(), nil
}

func toInt(v any) (int64, bool) {
	switch v := v.(type) {
	case int:
		return int64(v), true
	case int64:
		return v, true
	}
	return 0, false
}

// CreateDate formats t as Python's str(datetime): "YYYY-MM-DD HH:MM:SS", then
// ".ffffff" unless the microseconds are 0, then the UTC offset "+HH:MM" when aware (a
// timezone is configured; Alembic's create date is naive local time otherwise).
func CreateDate(t time.Time, aware bool) string {
	s := t.Format("2006-01-02 15:04:05")
	if us := t.Nanosecond() / 1000; us != 0 {
		s += fmt.Sprintf(".%06d", us)
	}
	if !aware {
		return s
	}
	_, off := t.Zone()
	sign := "+"
	if off < 0 {
		sign, off = "-", -off
	}
	s += fmt.Sprintf("%s%02d:%02d", sign, off/3600, off/60%60)
	if off%60 != 0 {
		s += ":" + strconv.Itoa(off%60 + 100)[1:]
	}
	return s
}
