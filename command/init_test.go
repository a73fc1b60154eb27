package command

import (
	"os"
	"testing"

	"github.com/retort-dev/retort/templates"
)

// TestIniExample keeps alembic.ini.example equal to what `init migrations` writes.
func TestIniExample(t *testing.T) {
	g, ok, err := templates.Get("generic")
	if !ok || err != nil {
		t.Fatalf("generic template: %v %v", ok, err)
	}
	got, err := renderIni(g.FS, "%(here)s/migrations")
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
