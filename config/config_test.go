package config

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/retort-dev/retort/internal/proc/proctest"
)

// writeINI writes src as alembic.ini in a fresh directory and returns its path.
func writeINI(t *testing.T, src string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "alembic.ini")
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func load(t *testing.T, src string) *Config {
	t.Helper()
	c, err := Load(writeINI(t, src), "alembic", nil)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return c
}

func TestConfigparserValues(t *testing.T) {
	tests := []struct {
		name, src, section, key string
		want                    string
		wantErr                 string // substring of the Lookup error
		absent                  bool
	}{
		{name: "inline comment kept", src: "[alembic]\nversion_path_separator = os  # Use os.pathsep.\n",
			key: "version_path_separator", want: "os  # Use os.pathsep."},
		{name: "semicolon inline kept", src: "[alembic]\na = x ; y\n", key: "a", want: "x ; y"},
		{name: "continuation lines", src: "[alembic]\na = x\n  y\n\n  z\n\n\nb = 1\n", key: "a", want: "x\ny\n\nz"},
		{name: "comment inside continuation", src: "[alembic]\na = x\n  # note\n  y\n", key: "a", want: "x\ny"},
		{name: "empty first line", src: "[alembic]\na =\n  one\n  two\n", key: "a", want: "\none\ntwo"},
		{name: "keys case-insensitive", src: "[alembic]\nScript_Location = m\n", key: "SCRIPT_LOCATION", want: "m"},
		{name: "colon delimiter", src: "[alembic]\na: b=c\n", key: "a", want: "b=c"},
		{name: "first delimiter wins", src: "[alembic]\na = b:c\n", key: "a", want: "b:c"},
		{name: "spaces in key", src: "[alembic]\n  my key   =   v  \n", key: "my key", want: "v"},
		{name: "crlf", src: "[alembic]\r\na = 1\r\n", key: "a", want: "1"},
		{name: "header trailing text", src: "[alembic] ; c\na = 1\n", key: "a", want: "1"},
		{name: "DEFAULT fallback", src: "[DEFAULT]\nx = 1\n[alembic]\ny = %(x)s-%(X)s\n", key: "y", want: "1-1"},
		{name: "DEFAULT overridden", src: "[DEFAULT]\nx = 1\n[alembic]\nx = 2\ny = %(x)s\n", key: "y", want: "2"},
		{name: "here", src: "[alembic]\nu = sqlite:///%(here)s/db.sqlite\n", key: "u", want: "sqlite:///HERE/db.sqlite"},
		{name: "percent escape", src: "[alembic]\npercent = 100%%\n", key: "percent", want: "100%"},
		{name: "template percent", src: "[alembic]\nfile_template = %%(year)d_%%(rev)s\n", key: "file_template", want: "%(year)d_%(rev)s"},
		{name: "recursive", src: "[alembic]\na = %(b)s!\nb = <%(c)s>\nc = z\n", key: "a", want: "<z>!"},
		{name: "referenced value percent", src: "[alembic]\na = %(b)s\nb = 5%%\n", key: "a", want: "5%"},
		{name: "other section", src: "[alembic]\n[db2]\nurl = %(here)s\n", section: "db2", key: "url", want: "HERE"},
		{name: "absent", src: "[alembic]\n", key: "nope", absent: true},
		{name: "logging format readable raw only", src: "[alembic]\n[formatter_generic]\nformat = %(levelname)-5.5s [%(name)s] %(message)s\n",
			section: "formatter_generic", key: "format", wantErr: "bad value for 'format' in section 'formatter_generic'"},
		{name: "lone percent", src: "[alembic]\nurl = postgresql://u:p%40ss@h/db\n", key: "url", wantErr: "'%' must be followed by '%' or '('"},
		{name: "missing reference", src: "[alembic]\na = %(nope)s\n", key: "a", wantErr: "interpolation key 'nope' is not a known option"},
		{name: "unterminated reference", src: "[alembic]\na = %(b\n", key: "a", wantErr: "bad interpolation variable reference"},
		{name: "loop", src: "[alembic]\na = %(b)s\nb = %(a)s\n", key: "a", wantErr: "nested deeper than 10"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := load(t, tt.src)
			section := tt.section
			if section == "" {
				section = "alembic"
			}
			got, ok, err := c.LookupIn(section, tt.key)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), c.Path) {
					t.Fatalf("error = %v, want one naming %s and containing %q", err, c.Path, tt.wantErr)
				}
				if strings.Contains(err.Error(), "p%40ss") {
					t.Fatalf("error repeats the raw value: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if ok == tt.absent {
				t.Fatalf("ok = %v", ok)
			}
			if want := strings.ReplaceAll(tt.want, "HERE", c.Here); got != want {
				t.Fatalf("got %q, want %q", got, want)
			}
		})
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name, src, section, want string
	}{
		{"missing section", "[other]\na = 1\n", "alembic", "No config file '%s' found, or file has no '[alembic]' section"},
		{"-n section missing", "[alembic]\na = 1\n", "db2", "No config file '%s' found, or file has no '[db2]' section"},
		{"DEFAULT is not a main section", "[DEFAULT]\na = 1\n", "DEFAULT", "No config file '%s' found, or file has no '[DEFAULT]' section"},
		{"no section header", "a = 1\n", "alembic", "%s:1: file contains no section headers"},
		{"no delimiter", "[alembic]\njunk\n", "alembic", "%s:2: cannot parse line \"junk\""},
		{"duplicate key", "[alembic]\na = 1\nA = 2\n", "alembic", "%s:3: option 'a' in section 'alembic' already exists"},
		{"duplicate section", "[alembic]\n[x]\n[alembic]\n", "alembic", "%s:3: section 'alembic' already exists"},
		{"bad file_template read eagerly", "[alembic]\nfile_template = %(rev)d\n", "alembic",
			"%s: bad value for 'file_template' in section 'alembic': bad interpolation variable reference"},
		{"bad hook option read eagerly", "[alembic]\n[post_write_hooks]\nx.options = 5%\n", "alembic",
			"%s: bad value for 'x.options' in section 'post_write_hooks'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeINI(t, tt.src)
			_, err := Load(p, tt.section, nil)
			want := strings.ReplaceAll(tt.want, "%s", p)
			if err == nil || !strings.HasPrefix(err.Error(), want) {
				t.Fatalf("error = %v, want prefix %q", err, want)
			}
		})
	}
	_, err := Load(filepath.Join(t.TempDir(), "nope.ini"), "alembic", nil)
	if _, ok := err.(*NotFoundError); !ok {
		t.Fatalf("missing file: %T %v", err, err)
	}
}

// TestStockIniLoads loads an ini as `alembic init` 1.8.1 writes it (logging format strings
// and the inline-comment separator line included).
func TestStockIniLoads(t *testing.T) {
	c := load(t, stockINI)
	loc, err := c.VersionLocations()
	if err == nil || err.Error() != "Path doesn't exist: '"+mustAbs(t, "migrations")+"'.  Please use the 'init' command to create a new scripts folder." {
		t.Fatalf("VersionLocations = %v, %v", loc, err)
	}
	if u, _ := c.URL(); u != "driver://user:pass@localhost/dbname" {
		t.Fatalf("URL = %q", u)
	}
}

func mustAbs(t *testing.T, p string) string {
	t.Helper()
	a, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

const stockINI = `# A generic, single database configuration.

[alembic]
# path to migration scripts
script_location = migrations

# template used to generate migration files
# file_template = %%(rev)s_%%(slug)s

prepend_sys_path = .

# version_locations = %(here)s/bar:%(here)s/bat:migrations/versions

version_path_separator = os  # Use os.pathsep. Default configuration used for new projects.

sqlalchemy.url = driver://user:pass@localhost/dbname


[post_write_hooks]
# format using "black" - use the console_scripts runner, against the "black" entrypoint
# hooks = black
# black.type = console_scripts

[loggers]
keys = root,sqlalchemy,alembic

[handlers]
keys = console

[formatters]
keys = generic

[logger_root]
level = WARN
handlers = console
qualname =

[handler_console]
class = StreamHandler
args = (sys.stderr,)
level = NOTSET
formatter = generic

[formatter_generic]
format = %(levelname)-5.5s [%(name)s] %(message)s
datefmt = %H:%M:%S
`

func TestScriptLocation(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.Mkdir("migrations", 0o755); err != nil {
		t.Fatal(err)
	}
	c := load(t, "[alembic]\nscript_location = migrations\n")
	got, err := c.ScriptLocation()
	if err != nil || got != filepath.Join(dir, "migrations") {
		t.Fatalf("ScriptLocation = %q, %v", got, err)
	}
	vl, err := c.VersionLocations()
	if err != nil || !reflect.DeepEqual(vl, []string{filepath.Join(dir, "migrations", "versions")}) {
		t.Fatalf("VersionLocations = %q, %v", vl, err)
	}

	c = load(t, "[alembic]\nscript_location = %(here)s/nothere\n")
	_, err = c.ScriptLocation()
	want := "Path doesn't exist: '" + filepath.Join(c.Here, "nothere") + "'.  Please use the 'init' command to create a new scripts folder."
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v, want %q", err, want)
	}

	c = load(t, "[alembic]\n")
	if _, err = c.ScriptLocation(); err == nil || err.Error() != "No 'script_location' key found in configuration." {
		t.Fatalf("err = %v", err)
	}
}

func TestVersionLocations(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	abs := func(ps ...string) []string {
		for i, p := range ps {
			ps[i] = filepath.Join(dir, p)
		}
		return ps
	}
	tests := []struct {
		name, keys string
		want       []string
		wantErr    string
	}{
		{"legacy comma and space", "version_locations = a, b c,d", abs("a", "b", "c", "d"), ""},
		{"os", "version_locations = a b:c\nversion_path_separator = os", abs("a b", "c"), ""},
		{"colon", "version_locations = a:b\nversion_path_separator = :", abs("a", "b"), ""},
		{"semicolon", "version_locations = a;b c\nversion_path_separator = ;", abs("a", "b c"), ""},
		{"space", "version_locations = a  b,c\nversion_path_separator = space", abs("a", "b,c"), ""},
		{"path_separator newline", "version_locations =\n  a\n  b c\npath_separator = newline", abs("a", "b c"), ""},
		{"path_separator wins", "version_locations = a;b\npath_separator = ;\nversion_path_separator = bogus", abs("a", "b"), ""},
		{"absolute kept", "version_locations = /x/y", []string{"/x/y"}, ""},
		{"inline comment trap", "version_locations = a\nversion_path_separator = os  # Use os.pathsep.", nil,
			"'os  # Use os.pathsep.' is not a valid value for version_path_separator; expected 'space', 'os', ':', ';'"},
		{"bad path_separator", "version_locations = a\npath_separator = tab", nil,
			"'tab' is not a valid value for path_separator; expected 'space', 'newline', 'os', ':', ';'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := load(t, "[alembic]\nscript_location = nowhere\n"+tt.keys+"\n")
			got, err := c.VersionLocations()
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestScalarKeys(t *testing.T) {
	c := load(t, "[alembic]\n")
	if c.FileTemplate() != "%(rev)s_%(slug)s" || c.OutputEncoding() != "utf-8" || c.RecursiveVersionLocations() {
		t.Fatalf("defaults: %q %q %v", c.FileTemplate(), c.OutputEncoding(), c.RecursiveVersionLocations())
	}
	c = load(t, "[alembic]\nfile_template = %%(year)d-%%(rev)s\noutput_encoding = latin-1\nrecursive_version_locations = true\nsourceless = false\nprepend_sys_path = . src\n")
	if c.FileTemplate() != "%(year)d-%(rev)s" || c.OutputEncoding() != "latin-1" || !c.RecursiveVersionLocations() {
		t.Fatalf("set: %q %q %v", c.FileTemplate(), c.OutputEncoding(), c.RecursiveVersionLocations())
	}
	// Alembic compares recursive_version_locations with the exact string "true".
	if load(t, "[alembic]\nrecursive_version_locations = yes\n").RecursiveVersionLocations() {
		t.Fatal("yes must not enable recursive_version_locations")
	}
}

func TestTruncateSlugLength(t *testing.T) {
	for _, tt := range []struct {
		keys    string
		want    int
		wantErr bool
	}{
		{"", 40, false}, {"truncate_slug_length = 0", 40, false}, {"truncate_slug_length = 10", 10, false},
		{"truncate_slug_length = ten", 0, true}, {"truncate_slug_length = -1", 0, true},
	} {
		got, err := load(t, "[alembic]\n"+tt.keys+"\n").TruncateSlugLength()
		if got != tt.want || (err != nil) != tt.wantErr {
			t.Errorf("%q: got %d, %v", tt.keys, got, err)
		}
	}
}

func TestTimezone(t *testing.T) {
	for _, tt := range []struct{ keys, want, wantErr string }{
		{"", "Local", ""},
		{"timezone = UTC", "UTC", ""},
		{"timezone = Europe/Paris", "Europe/Paris", ""},
		{"timezone = utc", "UTC", ""}, // retried upper-cased, as Alembic 1.8.1 does
		{"timezone = Mars/Olympus", "", "Can't locate timezone: Mars/Olympus"},
		{"timezone = Local", "", "Can't locate timezone: Local"},
	} {
		loc, err := load(t, "[alembic]\n"+tt.keys+"\n").Timezone()
		if tt.wantErr != "" {
			if err == nil || err.Error() != tt.wantErr {
				t.Errorf("%q: err = %v", tt.keys, err)
			}
			continue
		}
		if err != nil || loc.String() != tt.want {
			t.Errorf("%q: got %v, %v", tt.keys, loc, err)
		}
	}
	if loc, _ := load(t, "[alembic]\n").Timezone(); loc != time.Local {
		t.Error("default must be time.Local")
	}
}

func TestBooleans(t *testing.T) {
	for _, tt := range []struct {
		value   string
		want    bool
		wantErr bool
	}{
		{"true", true, false}, {"Yes", true, false}, {"on", true, false}, {"y", true, false}, {"t", true, false}, {"1", true, false},
		{"false", false, false}, {"NO", false, false}, {"off", false, false}, {"n", false, false}, {"f", false, false}, {"0", false, false},
		{"maybe", false, true}, {"", false, true},
	} {
		c := load(t, "[alembic]\nrevision_environment = "+tt.value+"\ntransaction_per_migration = "+tt.value+"\n")
		for _, get := range []func() (bool, error){c.RevisionEnvironment, c.TransactionPerMigration} {
			got, err := get()
			if got != tt.want || (err != nil) != tt.wantErr {
				t.Errorf("%q: got %v, %v", tt.value, got, err)
			}
			if err != nil && !strings.Contains(err.Error(), c.Path) {
				t.Errorf("error does not name the file: %v", err)
			}
		}
	}
	c := load(t, "[alembic]\n")
	if v, err := c.RevisionEnvironment(); v || err != nil {
		t.Errorf("absent revision_environment: %v, %v", v, err)
	}
}

func TestURL(t *testing.T) {
	t.Setenv("DATABASE_URL", "")
	c := load(t, "[alembic]\nsqlalchemy.url = sqlite:///%(here)s/app.db\n")
	if u, err := c.URL(); err != nil || u != "sqlite:///"+c.Here+"/app.db" {
		t.Fatalf("ini URL = %q, %v", u, err)
	}
	t.Setenv("DATABASE_URL", "postgresql://env/db")
	if u, _ := c.URL(); u != "postgresql://env/db" {
		t.Fatalf("env URL = %q", u)
	}
	c.XArgs = []string{"url=sqlite:///first.db", "other", "url=sqlite:///x.db", "tag=a=b"}
	if u, _ := c.URL(); u != "sqlite:///x.db" {
		t.Fatalf("-x URL = %q", u)
	}
	if v, ok := c.XArg("tag"); !ok || v != "a=b" {
		t.Fatalf("XArg(tag) = %q, %v", v, ok)
	}
	if _, ok := c.XArg("other"); ok {
		t.Fatal("XArg without = must not match")
	}
	for _, tt := range []struct {
		env   string
		xargs []string
		ini   string
		want  string
	}{
		{"", nil, "sqlalchemy.url = sqlite:///a.db\n", "sqlalchemy.url in alembic.ini"},
		{"postgresql://env/db", nil, "sqlalchemy.url = sqlite:///a.db\n", "$DATABASE_URL, overriding sqlalchemy.url in alembic.ini"},
		{"postgresql://env/db", nil, "", "$DATABASE_URL"},
		{"postgresql://env/db", []string{"url=sqlite:///x.db"}, "sqlalchemy.url = sqlite:///a.db\n", "-x url, overriding sqlalchemy.url in alembic.ini"},
		{"", []string{"url=sqlite:///x.db"}, "", "-x url"},
	} {
		t.Setenv("DATABASE_URL", tt.env)
		c := load(t, "[alembic]\n"+tt.ini)
		c.XArgs = tt.xargs
		if _, src, err := c.URLSource(); err != nil || src != strings.ReplaceAll(tt.want, "alembic.ini", c.Path) {
			t.Errorf("env %q, -x %q, ini %q: source %q, %v; want %q", tt.env, tt.xargs, tt.ini, src, err, tt.want)
		}
	}

	for _, x := range [][]string{{"url="}, {"url"}, {"url=  "}, {"url=sqlite:///x.db", "url="}} {
		c.XArgs = x
		if u, err := c.URL(); err == nil || !strings.HasPrefix(err.Error(), "-x url: the database URL is empty") {
			t.Errorf("-x %q: URL %q, error %v; want the empty -x url error", x, u, err)
		}
	}

	t.Setenv("DATABASE_URL", "")
	c = load(t, "[alembic]\n")
	if _, err := c.URL(); err == nil || !strings.Contains(err.Error(), "sqlalchemy.url") || !strings.Contains(err.Error(), c.Path) {
		t.Fatalf("missing URL error = %v", err)
	}
	c = load(t, "[alembic]\nsqlalchemy.url = postgresql://u:se%cret@h/db\n")
	if _, err := c.URL(); err == nil || strings.Contains(err.Error(), "se%cret") {
		t.Fatalf("bad URL error = %v", err)
	}
}

func TestTargetMetadataCmdDialect(t *testing.T) {
	c := load(t, "[alembic]\ntarget_metadata_cmd = python3 print_ddl.py models %(dialect)s\n")
	for _, d := range []string{"sqlite", "postgresql"} {
		if v, err := c.TargetMetadataCmd(d); err != nil || v != "python3 print_ddl.py models "+d {
			t.Errorf("TargetMetadataCmd(%q) = %q, %v", d, v, err)
		}
	}
	// %(dialect)s is only known in target_metadata_cmd: elsewhere it stays an error.
	c = load(t, "[alembic]\ndev_url = %(dialect)s\n")
	if _, err := c.DevURL(); err == nil || !strings.Contains(err.Error(), "dialect") {
		t.Errorf("dev_url with %%(dialect)s: %v", err)
	}
}

func TestRetortKeys(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	c := load(t, "[alembic]\n")
	if v, _ := c.VersionTable(); v != "alembic_version" {
		t.Errorf("default version_table = %q", v)
	}
	for name, get := range map[string]func() (string, error){
		"target_metadata": c.TargetMetadata, "target_metadata_cmd": func() (string, error) { return c.TargetMetadataCmd("sqlite") },
		"dev_url": c.DevURL, "version_table_schema": c.VersionTableSchema, "python": c.Python,
	} {
		if v, err := get(); v != "" || err != nil {
			t.Errorf("default %s = %q, %v", name, v, err)
		}
	}
	if v, err := c.IncludeSchemas(); v != nil || err != nil {
		t.Errorf("default include_schemas = %q, %v", v, err)
	}

	c = load(t, `[alembic]
target_metadata = schema.sql
target_metadata_cmd = python3 models.py --dialect postgresql
dev_url = postgresql://postgres@127.0.0.1/scratch
version_table = my_version
version_table_schema = meta
transaction_per_migration = true
include_schemas = public, audit
  billing
exclude_tables = spatial_ref_sys,geometry_columns
python = %(here)s/.venv/bin/python
prepend_sys_path = . src:lib, app
`)
	checks := []struct {
		name string
		got  func() (string, error)
		want string
	}{
		{"target_metadata", c.TargetMetadata, "schema.sql"},
		{"target_metadata_cmd", func() (string, error) { return c.TargetMetadataCmd("postgresql") }, "python3 models.py --dialect postgresql"},
		{"dev_url", c.DevURL, "postgresql://postgres@127.0.0.1/scratch"},
		{"version_table", c.VersionTable, "my_version"},
		{"version_table_schema", c.VersionTableSchema, "meta"},
		{"python", c.Python, filepath.Join(filepath.Dir(c.Path), ".venv", "bin", "python")},
	}
	for _, ck := range checks {
		if v, err := ck.got(); v != ck.want || err != nil {
			t.Errorf("%s = %q, %v; want %q", ck.name, v, err, ck.want)
		}
	}
	if v, err := c.TransactionPerMigration(); !v || err != nil {
		t.Errorf("transaction_per_migration = %v, %v", v, err)
	}
	if v, _ := c.IncludeSchemas(); !reflect.DeepEqual(v, []string{"public", "audit", "billing"}) {
		t.Errorf("include_schemas = %q", v)
	}
	if v := c.PrependSysPath(); !reflect.DeepEqual(v, []string{".", "src", "lib", "app"}) {
		t.Errorf("prepend_sys_path = %q", v)
	}
	if v, _ := c.ExcludeTables(); !reflect.DeepEqual(v, []string{"spatial_ref_sys", "geometry_columns"}) {
		t.Errorf("exclude_tables = %q", v)
	}
}

func TestPostWriteHooksConfig(t *testing.T) {
	tests := []struct {
		name, section string
		want          []Hook
		wantErr       string
	}{
		{name: "none", section: "", want: nil},
		{name: "two hooks", section: `hooks = fmt, lint  other
fmt.type = exec
fmt.executable = %(here)s/fmt.sh
fmt.options = -l 79 "two words" REVISION_SCRIPT_FILENAME
fmt.cwd = %(here)s
lint.type = console_scripts
lint.entrypoint = sqlfluff
lint.options = fix --dialect=postgres
other.type = exec
other.executable = true
`, want: []Hook{
			{Name: "fmt", Type: "exec", Executable: "HERE/fmt.sh", Options: []string{"-l", "79", "two words", "REVISION_SCRIPT_FILENAME"}, Cwd: "HERE"},
			{Name: "lint", Type: "console_scripts", Executable: "sqlfluff", Options: []string{"REVISION_SCRIPT_FILENAME", "fix", "--dialect=postgres"}},
			{Name: "other", Type: "exec", Executable: "true", Options: []string{"REVISION_SCRIPT_FILENAME"}},
		}},
		{name: "missing type", section: "hooks = black\nblack.entrypoint = black\n", wantErr: "Key black.type is required for post write hook 'black'"},
		{name: "unknown type", section: "hooks = x\nx.type = module\n", wantErr: "No formatter with name 'module' registered"},
		{name: "missing executable", section: "hooks = x\nx.type = exec\n", wantErr: "Key x.executable is required for post write hook 'x'"},
		{name: "missing entrypoint", section: "hooks = x\nx.type = console_scripts\n", wantErr: "Key x.entrypoint is required for post write hook 'x'"},
		{name: "unclosed quote", section: "hooks = x\nx.type = exec\nx.executable = y\nx.options = 'a\n", wantErr: "x.options: No closing quotation"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := load(t, "[alembic]\n[post_write_hooks]\n"+tt.section)
			got, err := c.PostWriteHooks()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			for i := range tt.want {
				tt.want[i].Executable = strings.ReplaceAll(tt.want[i].Executable, "HERE", c.Here)
				tt.want[i].Cwd = strings.ReplaceAll(tt.want[i].Cwd, "HERE", c.Here)
			}
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("got %#v, %v\nwant %#v", got, err, tt.want)
			}
		})
	}
}

func TestRunHooks(t *testing.T) {
	dir := t.TempDir()
	script := filepath.Join(dir, "hook.sh")
	// The hook appends its working directory and arguments to log.txt and prints a line.
	if err := os.WriteFile(script, []byte("#!/bin/sh\necho \"$PWD|$*\" >> "+filepath.Join(dir, "log.txt")+"\necho formatted\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	failing := filepath.Join(dir, "fail.sh")
	if err := os.WriteFile(failing, []byte("#!/bin/sh\nexit 3\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	c := load(t, "[alembic]\n[post_write_hooks]\nhooks = one two\n"+
		"one.type = exec\none.executable = "+script+"\none.options = --in-place\n"+
		"two.type = exec\ntwo.executable = "+script+"\ntwo.options = --file=REVISION_SCRIPT_FILENAME -q\ntwo.cwd = "+dir+"\n")
	hooks, err := c.PostWriteHooks()
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := RunHooks(context.Background(), hooks, "/v/abc_x.sql", 0, &out); err != nil {
		t.Fatal(err)
	}
	wantOut := "Running post write hook \"one\" ...\nformatted\n  done\nRunning post write hook \"two\" ...\nformatted\n  done\n"
	if out.String() != wantOut {
		t.Fatalf("stdout = %q, want %q", out.String(), wantOut)
	}
	log, err := os.ReadFile(filepath.Join(dir, "log.txt"))
	if err != nil {
		t.Fatal(err)
	}
	cwd, _ := os.Getwd()
	wantLog := cwd + "|/v/abc_x.sql --in-place\n" + dir + "|--file=/v/abc_x.sql -q\n"
	if string(log) != wantLog {
		t.Fatalf("hook calls = %q, want %q", log, wantLog)
	}

	out.Reset()
	err = RunHooks(context.Background(), []Hook{{Name: "bad", Type: "exec", Executable: failing}}, "/v/f.sql", 0, &out)
	if err == nil || !strings.Contains(err.Error(), "post write hook 'bad'") || out.String() != "Running post write hook \"bad\" ...\n  FAILED\n" {
		t.Fatalf("failing hook: %v, %q", err, out.String())
	}
	err = RunHooks(context.Background(), []Hook{{Name: "cs", Type: "console_scripts", Executable: "no-such-entrypoint-xyz"}}, "/v/f.sql", 0, &out)
	if err == nil || err.Error() != "Could not find entrypoint console_scripts.no-such-entrypoint-xyz" {
		t.Fatalf("missing entrypoint: %v", err)
	}
}

// TestHookTimeout: a hook that hangs is stopped after the timeout with an error naming
// it and its last stderr line, and nothing of its process group is left.
func TestHookTimeout(t *testing.T) {
	dir := t.TempDir()
	pidFile := filepath.Join(dir, "pid")
	script := filepath.Join(dir, "hang.sh")
	if err := os.WriteFile(script, []byte("#!/bin/sh\necho $$ > "+pidFile+"\necho formatting >&2\nsleep 60 & sleep 60\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	start := time.Now()
	err := RunHooks(context.Background(), []Hook{{Name: "fmt", Type: "exec", Executable: script}}, "/v/f.sql", 300*time.Millisecond, &out)
	want := "post write hook 'fmt' (" + script + "): timed out after 300ms (process group killed); last stderr: formatting"
	if err == nil || err.Error() != want || time.Since(start) > 3*time.Second {
		t.Fatalf("err %v after %v, want %q", err, time.Since(start), want)
	}
	data, _ := os.ReadFile(pidFile)
	pgid, _ := strconv.Atoi(strings.TrimSpace(string(data)))
	if pgid == 0 {
		t.Fatal("the hook never wrote its pid")
	}
	proctest.WaitGone(t, pgid, 2*time.Second)
}

func TestCommandTimeout(t *testing.T) {
	for _, tt := range []struct {
		ini  string
		want time.Duration
		err  string
	}{
		{"", DefaultCommandTimeout, ""},
		{"command_timeout = 90\n", 90 * time.Second, ""},
		{"command_timeout = 1.5\n", 1500 * time.Millisecond, ""},
		{"command_timeout = 2m\n", 2 * time.Minute, ""},
		{"command_timeout = 0\n", 0, ""},
		{"command_timeout = soon\n", 0, "alembic.ini: command_timeout: 'soon' is not a duration (e.g. 90s, 5m, or a number of seconds)"},
		{"command_timeout = -1\n", 0, "alembic.ini: command_timeout: '-1' is not a duration (e.g. 90s, 5m, or a number of seconds)"},
	} {
		got, err := load(t, "[alembic]\n"+tt.ini).CommandTimeout()
		if got != tt.want || (err == nil) != (tt.err == "") || (err != nil && !strings.HasSuffix(err.Error(), tt.err)) {
			t.Errorf("%q: %v, %v; want %v, %q", tt.ini, got, err, tt.want, tt.err)
		}
	}
}

func TestShellSplit(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []string
		err  string
	}{
		{"a  b\tc", []string{"a", "b", "c"}, ""},
		{`'a b' "c d"`, []string{"a b", "c d"}, ""},
		{`x'y z'w`, []string{"xy zw"}, ""},
		{`"a\"b" "a\nb" 'a\b'`, []string{`a"b`, `a\nb`, `a\b`}, ""},
		{`a\ b \#c`, []string{"a b", "#c"}, ""},
		{`"" x`, []string{"", "x"}, ""},
		{`# not a comment`, []string{"#", "not", "a", "comment"}, ""},
		{`"open`, nil, "No closing quotation"},
		{`trailing\`, nil, "No escaped character"},
	} {
		got, err := shellSplit(tt.in)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("%q: err = %v", tt.in, err)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%q: got %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}
