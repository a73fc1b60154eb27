package templates

import (
	"io/fs"
	"testing"

	"github.com/retort-dev/retort/revision"
)

func TestAll(t *testing.T) {
	all, err := All()
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 1 || all[0].Name != "generic" || all[0].Synopsis != "Generic single-database configuration." {
		t.Fatalf("All() = %+v", all)
	}
	for _, name := range []string{"README", IniTemplate, "script.sql.tmpl"} {
		if _, err := fs.Stat(all[0].FS, name); err != nil {
			t.Errorf("generic lacks %s: %v", name, err)
		}
	}
}

func TestGetUnknown(t *testing.T) {
	for _, name := range []string{"nope", "", ".", "generic/README", "../templates"} {
		if _, ok, err := Get(name); ok || err != nil {
			t.Errorf("Get(%q) = ok %v, err %v; want not found", name, ok, err)
		}
	}
}

// TestScriptTemplateMatchesDefault keeps the file init copies in step with the template
// used for projects that have none: both render the same revision.
func TestScriptTemplateMatchesDefault(t *testing.T) {
	g, ok, err := Get("generic")
	if !ok || err != nil {
		t.Fatalf("Get(generic) = %v, %v", ok, err)
	}
	text, err := fs.ReadFile(g.FS, "script.sql.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []revision.TemplateData{
		{RevID: "ae1027a6acf", CreateDate: "2026-11-21 10:00:00.123456"},
		{Message: "merge\n\nlong text", RevID: "m1", DownRevisions: []string{"a", "b"}, BranchLabels: []string{"lib"},
			DependsOn: []string{"c"}, CreateDate: "2026-11-21 10:00:00", Upgrades: "CREATE TABLE t (id INT);", Downgrades: "DROP TABLE t;"},
	} {
		got, err := revision.Render(string(text), d)
		if err != nil {
			t.Fatal(err)
		}
		want, err := revision.Render(revision.DefaultTemplate, d)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Errorf("generic/script.sql.tmpl renders\n%s\nrevision.DefaultTemplate renders\n%s", got, want)
		}
	}
}
