package revision

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestNewID(t *testing.T) {
	hex12 := regexp.MustCompile(`^[0-9a-f]{12}$`)
	seen := map[string]bool{}
	for range 1000 {
		id := NewID()
		if !hex12.MatchString(id) || seen[id] {
			t.Fatalf("bad or repeated id %q", id)
		}
		seen[id] = true
		if err := ValidateID(id); err != nil {
			t.Fatal(err)
		}
	}
}

func TestValidateID(t *testing.T) {
	for _, tt := range []struct{ id, want string }{
		{"ae1027a6acf", ""},
		{"my_rev_1", ""},
		{"a-b", "Character(s) '-' not allowed in revision identifier 'a-b'"},
		// Alembic lists the characters sorted and comma-joined.
		{"a@b-c+d", "Character(s) '+, -, @' not allowed in revision identifier 'a@b-c+d'"},
		{"x:y", "Character(s) ':' not allowed in revision identifier 'x:y'"},
		{"a,b c", "Character(s) ' , ,' not allowed in revision identifier 'a,b c'"},
		{"", "Revision identifier must not be empty"},
	} {
		err := ValidateID(tt.id)
		if (err == nil) != (tt.want == "") || err != nil && err.Error() != tt.want {
			t.Errorf("ValidateID(%q) = %v, want %q", tt.id, err, tt.want)
		}
	}
}

var slugCases = []struct {
	message  string
	truncate int
	want     string
}{
	// reference d.4 (verified with Alembic 1.8.1)
	{"This is a Very long message, with punctuation! and ünïcode", 10, "this_is_a_"},
	{"Añadir tabla ünïcode—test", 40, "añadir_tabla_ünïcode_test"},
	{"", 40, ""},
	{"create account table", 0, "create_account_table"},
	{"Add a column", 40, "add_a_column"},
	{"  --- ", 40, ""},
	{"exactly ten", 11, "exactly_ten"},
	{"abcdefghijklmnop", 5, "abcde_"},                             // no "_" in the cut: keep the cut
	{"a_b__c", 40, "a_b__c"},                                      // underscores are word characters
	{"x² ½ 3rd", 40, "x²_½_3rd"},                                  // Python \w includes numerics
	{"日本語 テーブル", 4, "日本語_"},                                       // lengths count characters
	{"ÜBER ΣΟΦΟΣ İstanbul", 40, "über_σοφο\u03c2_i\u0307stanbul"}, // str.lower special cases
	{"tab\there\nnewline", 40, "tab_here_newline"},
	{"e\u0301cole", 40, "e_cole"}, // a combining mark is not \w in Python
}

func TestSlug(t *testing.T) {
	for _, tt := range slugCases {
		if got := Slug(tt.message, tt.truncate); got != tt.want {
			t.Errorf("Slug(%q, %d) = %q, want %q", tt.message, tt.truncate, got, tt.want)
		}
	}
}

// TestSlugAgainstPython computes the same slugs with Python's re and str (the operations
// Alembic's slug is made of), so the Unicode tables agree too. Skipped without python3.
func TestSlugAgainstPython(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("skipping: python3 not installed")
	}
	var msgs []string
	for _, c := range slugCases {
		msgs = append(msgs, c.message)
	}
	in, _ := json.Marshal(msgs)
	script := `import json, re, sys
for m in json.loads(sys.argv[1]):
    s = "_".join(re.findall(r"\w+", m)).lower()
    if len(s) > 40:
        s = s[:40].rsplit("_", 1)[0] + "_"
    print(json.dumps(s))`
	out, err := exec.Command(py, "-c", script, string(in)).Output()
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	for i, m := range msgs {
		var want string
		if err := json.Unmarshal([]byte(lines[i]), &want); err != nil {
			t.Fatal(err)
		}
		if got := Slug(m, 40); got != want {
			t.Errorf("Slug(%q) = %q, python %q", m, got, want)
		}
	}
}

func TestFileName(t *testing.T) {
	created := time.Date(2026, 11, 21, 4, 34, 17, 265391000, time.FixedZone("", 0))
	for _, tt := range []struct{ template, want, wantErr string }{
		{"%(rev)s_%(slug)s", "77aa00000001_this_is_a_", ""},
		// reference d.4, as written in the ini after %% unescaping
		{"%(year)d_%(month).2d_%(day).2d_%(hour).2d%(minute).2d%(second).2d-%(epoch)s-%(rev)s_%(slug)s",
			"2026_11_21_043417-1795235657-77aa00000001_this_is_a_", ""},
		{"%(year)04d/%(month)02d-%(rev).4s%%", "2026/11-77aa%", ""},
		{"%(rev)-14s|%(slug)12s|%(day)5d|%(day)-4d|%(hour)x", "77aa00000001  |  this_is_a_|   21|21  |4", ""},
		{"%(rev)010s", "77aa00000001", ""},
		{"%(nope)s", "", "unknown key 'nope'"},
		{"%(rev)d", "", "%d format: a real number is required, not str"},
		{"%s", "", "format requires a mapping"},
		{"%(rev)", "", "incomplete format"},
		{"%(rev)q", "", "unsupported format character 'q'"},
	} {
		got, err := FileName(tt.template, "77aa00000001", "this_is_a_", created)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%q: err = %v, want %q", tt.template, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%q: got %q, %v; want %q", tt.template, got, err, tt.want)
		}
	}
}

func TestCreateDate(t *testing.T) {
	kolkata, err := time.LoadLocation("Asia/Kolkata")
	if err != nil {
		t.Skip("no tzdata:", err)
	}
	for _, tt := range []struct {
		t     time.Time
		aware bool
		want  string
	}{
		{time.Date(2026, 11, 21, 10, 0, 0, 123456789, time.UTC), false, "2026-11-21 10:00:00.123456"},
		{time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC), false, "2026-11-21 10:00:00"},
		{time.Date(2026, 11, 21, 10, 0, 0, 999, time.UTC), false, "2026-11-21 10:00:00"},
		{time.Date(2026, 11, 21, 10, 0, 0, 1000, time.UTC), false, "2026-11-21 10:00:00.000001"},
		{time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC), true, "2026-11-21 10:00:00+00:00"},
		{time.Date(2026, 11, 21, 10, 0, 0, 5000, kolkata), true, "2026-11-21 10:00:00.000005+05:30"},
		{time.Date(2026, 1, 2, 3, 4, 5, 0, time.FixedZone("", -(3*3600+30*60))), true, "2026-01-02 03:04:05-03:30"},
		{time.Date(1900, 1, 1, 0, 0, 0, 0, time.FixedZone("LMT", 1172)), true, "1900-01-01 00:00:00+00:19:32"},
	} {
		if got := CreateDate(tt.t, tt.aware); got != tt.want {
			t.Errorf("CreateDate(%v, %v) = %q, want %q", tt.t, tt.aware, got, tt.want)
		}
	}
}

// TestRenderRoundTrip renders the default template and parses the result back.
func TestRenderRoundTrip(t *testing.T) {
	for _, data := range []TemplateData{
		{Message: "create account table", RevID: "1975ea83b712", DownRevisions: []string{"ae1027a6acf"},
			CreateDate: "2026-11-21 10:00:00.123456",
			Upgrades:   "CREATE TABLE account (\n    id INTEGER NOT NULL PRIMARY KEY,\n    name VARCHAR(50) NOT NULL\n);\n",
			Downgrades: "DROP TABLE account;"},
		{Message: "merge heads\nsecond line\n\nmore doc", RevID: "m1", DownRevisions: []string{"a1", "b1", "c1"},
			BranchLabels: []string{"release", "v2"}, DependsOn: []string{"lib", "d1"}, CreateDate: "2026-11-21 10:00:00+05:30"},
		{RevID: "e1", CreateDate: "2026-11-21 10:00:00"},
		{Message: "add enum value", RevID: "n1", CreateDate: "2026-11-21 10:00:00", NonTransactional: true,
			Upgrades: "ALTER TYPE status ADD VALUE 'gone';"},
	} {
		out, err := Render(DefaultTemplate, data)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), data.RevID+"_x.sql")
		f, err := Parse(path, out)
		if err != nil {
			t.Fatalf("%s\n%v", out, err)
		}
		wantMsg := data.Message
		if wantMsg == "" {
			wantMsg = "empty message"
		}
		got := []any{f.ID, f.Down, f.BranchLabels, f.DependsOn, f.CreateDate, f.Doc, f.Transactional}
		want := []any{data.RevID, nilIfEmpty(data.DownRevisions), nilIfEmpty(data.BranchLabels), nilIfEmpty(data.DependsOn),
			data.CreateDate, wantMsg, !data.NonTransactional}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("round trip of\n%s\ngot  %q\nwant %q", out, got, want)
		}
		if trailing := regexp.MustCompile(`(?m)[ \t]+$`); trailing.Match(out) {
			t.Errorf("rendered file has trailing spaces:\n%s", out)
		}
	}
}

func nilIfEmpty(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}

// TestRenderDesignExample checks the default template against the design's example file.
func TestRenderDesignExample(t *testing.T) {
	out, err := Render(DefaultTemplate, TemplateData{
		Message: "create account table", RevID: "1975ea83b712", DownRevisions: []string{"ae1027a6acf"},
		CreateDate: "2026-11-21 10:00:00.123456",
		Upgrades:   "CREATE TABLE account (\n    id INTEGER NOT NULL PRIMARY KEY,\n    name VARCHAR(50) NOT NULL\n);\n",
		Downgrades: "DROP TABLE account;\n",
	})
	if err != nil {
		t.Fatal(err)
	}
	want, err := readTestdata("files/basic.sql")
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != want {
		t.Fatalf("got\n%s\nwant\n%s", out, want)
	}
	empty, _ := Render(DefaultTemplate, TemplateData{Message: "m", RevID: "r", CreateDate: "d"})
	wantEmpty := "-- m\n--\n-- revision: r\n-- down_revision:\n-- branch_labels:\n-- depends_on:\n-- create_date: d\n\n-- +upgrade\n\n-- +downgrade\n"
	if string(empty) != wantEmpty {
		t.Fatalf("empty bodies: got %q, want %q", empty, wantEmpty)
	}
	if _, err := Render("{{.Nope}}", TemplateData{}); err == nil || !strings.HasPrefix(err.Error(), "revision template:") {
		t.Fatalf("bad template error = %v", err)
	}
}
