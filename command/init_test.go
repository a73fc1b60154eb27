package command

import (
	"os"
	"strings"
	"testing"

	"github.com/retort-dev/retort/templates"
)

// TestIniExample keeps alembic.ini.example equal to what `init migrations` writes.
func TestIniExample(t *testing.T) {
	g, ok, err := templates.Get("generic")
	if !ok || err != nil {
		t.Fatalf("generic template: %v %v", ok, err)
	}
	got, err := renderIni(g.FS, iniKeys{ScriptLocation: "%(here)s/migrations"})
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../alembic.ini.example")
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("alembic.ini.example differs from the generic template rendered for %%(here)s/migrations")
	}
}

func TestScriptLocation(t *testing.T) {
	tests := []struct{ ini, dir, want string }{
		{"/p/alembic.ini", "/p/migrations", "%(here)s/migrations"},
		{"/p/alembic.ini", "/p/db/migrations", "%(here)s/db/migrations"},
		{"/p/conf/alembic.ini", "/p/migrations", "%(here)s/../migrations"},
	}
	for _, tt := range tests {
		if got := scriptLocation(tt.ini, tt.dir); got != tt.want {
			t.Errorf("scriptLocation(%q, %q) = %q, want %q", tt.ini, tt.dir, got, tt.want)
		}
	}
}

func TestInitTargetMetadata(t *testing.T) {
	g, _, _ := templates.Get("generic")
	for _, tt := range []struct {
		keys       iniKeys
		want, gone string
	}{
		{iniKeys{TargetMetadata: "%(here)s/schema.sql"}, "\ntarget_metadata = %(here)s/schema.sql\n", "\n# target_metadata = "},
		{iniKeys{TargetMetadataCmd: "python3 print_ddl.py models %(dialect)s"}, "\ntarget_metadata_cmd = python3 print_ddl.py models %(dialect)s\n", "\n# target_metadata_cmd = "},
	} {
		tt.keys.ScriptLocation = "%(here)s/migrations"
		got, err := renderIni(g.FS, tt.keys)
		if err != nil || !strings.Contains(string(got), tt.want) || strings.Contains(string(got), tt.gone) {
			t.Errorf("%+v: %v; want %q and no %q in\n%s", tt.keys, err, tt.want, tt.gone, got)
		}
	}
	for _, k := range []iniKeys{{TargetMetadata: "a.sql", TargetMetadataCmd: "cat a.sql"}, {TargetMetadata: "a.sql\nx = y"}} {
		if err := k.check(); err == nil {
			t.Errorf("%+v: no error", k)
		}
	}
}
