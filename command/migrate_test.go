package command

import (
	"bytes"
	"context"
	"database/sql"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	_ "github.com/mattn/go-sqlite3"
)

// libFS is a small project as a program would embed it: a -> b -> c, and d on its own
// root with the label "lib".
func libFS() fstest.MapFS {
	rev := func(id, down, labels, table string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("-- create " + table + "\n--\n-- revision: " + id + "\n-- down_revision: " + down +
			"\n-- branch_labels: " + labels + "\n\n-- +upgrade\nCREATE TABLE " + table + " (id INTEGER);\n\n-- +downgrade\nDROP TABLE " + table + ";\n")}
	}
	return fstest.MapFS{
		"mig/1_a.sql":  rev("aaaa", "", "", "ta"),
		"mig/2_b.sql":  rev("bbbb", "aaaa", "", "tb"),
		"mig/3_c.sql":  rev("cccc", "bbbb", "", "tc"),
		"mig/4_d.sql":  rev("dddd", "", "lib", "td"),
		"mig/README":   {Data: []byte("not a revision")},
		"mig/sub/x.py": {Data: []byte("not scanned: subdirectory")},
	}
}

func libMigrator(t *testing.T) (*Migrator, *sql.DB) {
	t.Helper()
	p, err := LoadFS(libFS(), "mig")
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite3", filepath.Join(t.TempDir(), "app.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return &Migrator{Project: p, DB: db}, db
}

func libTables(t *testing.T, db *sql.DB) []string {
	t.Helper()
	rows, err := db.Query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

// TestMigratorLibrary drives the library API over an fs.FS and a caller's *sql.DB.
func TestMigratorLibrary(t *testing.T) {
	ctx := context.Background()
	m, db := libMigrator(t)
	if got := len(m.Project.Files); got != 4 {
		t.Fatalf("LoadFS found %d revision files, want 4", got)
	}
	steps := []struct {
		run        func() error
		rows       []string // sorted
		tables     []string
		currentOut []string
	}{
		{func() error { return m.EnsureVersion(ctx) }, nil, []string{"alembic_version"}, nil},
		{func() error { return m.Upgrade(ctx, "bb") }, []string{"bbbb"}, []string{"alembic_version", "ta", "tb"}, []string{"bbbb"}},
		{func() error { return m.Upgrade(ctx, "heads") }, []string{"cccc", "dddd"}, []string{"alembic_version", "ta", "tb", "tc", "td"}, []string{"cccc", "dddd"}},
		{func() error { return m.Downgrade(ctx, "lib@base") }, []string{"cccc"}, []string{"alembic_version", "ta", "tb", "tc"}, []string{"cccc"}},
		{func() error { return m.Downgrade(ctx, "aaaa") }, []string{"aaaa"}, []string{"alembic_version", "ta"}, []string{"aaaa"}},
		{func() error { return m.Stamp(ctx, []string{"cccc", "dddd"}, false) }, []string{"cccc", "dddd"}, []string{"alembic_version", "ta"}, []string{"cccc", "dddd"}},
		{func() error { return m.Stamp(ctx, []string{"bbbb"}, true) }, []string{"bbbb"}, []string{"alembic_version", "ta"}, []string{"bbbb"}},
		{func() error { return m.Stamp(ctx, []string{"base"}, false) }, nil, []string{"alembic_version", "ta"}, nil},
	}
	for i, s := range steps {
		if err := s.run(); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		rows, err := m.Rows(ctx)
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(rows)
		if !slices.Equal(rows, s.rows) {
			t.Errorf("step %d: rows %v, want %v", i, rows, s.rows)
		}
		if got := libTables(t, db); !slices.Equal(got, s.tables) {
			t.Errorf("step %d: tables %v, want %v", i, got, s.tables)
		}
		cur, err := m.Current(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(cur, s.currentOut) {
			t.Errorf("step %d: current %v, want %v", i, cur, s.currentOut)
		}
	}
}

// TestMigratorRowsNeverCreate: Rows (current) leaves a database without the version
// table alone; EnsureRows (history -i, show current) creates it, as Alembic does.
func TestMigratorRowsNeverCreate(t *testing.T) {
	ctx := context.Background()
	m, db := libMigrator(t)
	if rows, err := m.Rows(ctx); err != nil || rows != nil {
		t.Fatalf("Rows: %v, %v", rows, err)
	}
	if got := libTables(t, db); got != nil {
		t.Fatalf("Rows created %v", got)
	}
	if rows, err := m.EnsureRows(ctx); err != nil || rows != nil {
		t.Fatalf("EnsureRows: %v, %v", rows, err)
	}
	if got := libTables(t, db); !slices.Equal(got, []string{"alembic_version"}) {
		t.Fatalf("EnsureRows left tables %v", got)
	}
}

// TestMigratorOffline: with SQL set nothing touches the database, the dialect comes from
// the *sql.DB, and the body is read from the fs.FS.
func TestMigratorOffline(t *testing.T) {
	ctx := context.Background()
	m, db := libMigrator(t)
	var out, log bytes.Buffer
	m.SQL, m.Log = &out, &log
	if err := m.Upgrade(ctx, "aaaa:cc"); err != nil {
		t.Fatal(err)
	}
	want := "-- Running upgrade aaaa -> bbbb\n\nCREATE TABLE tb (id INTEGER);\n\n" +
		"UPDATE alembic_version SET version_num='bbbb' WHERE alembic_version.version_num = 'aaaa';\n\n" +
		"-- Running upgrade bbbb -> cccc\n\nCREATE TABLE tc (id INTEGER);\n\n" +
		"UPDATE alembic_version SET version_num='cccc' WHERE alembic_version.version_num = 'bbbb';\n\n"
	if out.String() != want {
		t.Errorf("upgrade aaaa:cc --sql:\n got %q\nwant %q", out.String(), want)
	}
	if !strings.Contains(log.String(), "Context impl SQLiteImpl.") {
		t.Errorf("log: %q", log.String())
	}
	if got := libTables(t, db); got != nil {
		t.Errorf("offline mode touched the database: %v", got)
	}
}

// TestMigratorArgumentErrors are Alembic's command-level checks of range arguments.
func TestMigratorArgumentErrors(t *testing.T) {
	ctx := context.Background()
	online, _ := libMigrator(t)
	offline, _ := libMigrator(t)
	offline.SQL = &bytes.Buffer{}
	tests := []struct {
		name string
		run  func() error
		want string
	}{
		{"upgrade range online", func() error { return online.Upgrade(ctx, "aaaa:bbbb") }, "Range revision not allowed"},
		{"downgrade range online", func() error { return online.Downgrade(ctx, "bbbb:aaaa") }, "Range revision not allowed"},
		{"downgrade offline without range", func() error { return offline.Downgrade(ctx, "aaaa") }, "downgrade with --sql requires <fromrev>:<torev>"},
		{"stamp offline with two starts", func() error { return offline.Stamp(ctx, []string{"aaaa:cccc", "bbbb:dddd"}, false) },
			"Stamp operation with --sql only supports a single starting revision at a time"},
		{"stamp offline purge", func() error { return offline.Stamp(ctx, []string{"cccc"}, true) }, "Can't use --purge with --sql mode"},
		{"unknown target", func() error { return online.Upgrade(ctx, "zzzz") }, "Can't locate revision identified by 'zzzz'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.run(); err == nil || err.Error() != tt.want {
				t.Errorf("got %v, want %q", err, tt.want)
			}
		})
	}
}
