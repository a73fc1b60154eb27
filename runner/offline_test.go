package runner

import (
	"bytes"
	"context"
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/retort-dev/retort/graph"
	"github.com/retort-dev/retort/versions"
)

var update = flag.Bool("update", false, "rewrite golden files from retort's output")

// offlineCases mirror CASES in testdata/gen_goldens.py.
func offlineCases(t *testing.T) map[string]struct {
	url  string
	opts Options
	rows []string
	plan []Migration
} {
	c := loadChain(t)
	a, b, cc := c[0], c[1], c[2]
	pg := "postgresql://u:secret@localhost/db"
	sq := "sqlite:///x.db"
	my := "mysql+pymysql://u:secret@localhost/db"
	up := []Migration{upMigration(a), upMigration(b), upMigration(cc)}
	down := []Migration{downMigration(cc), downMigration(b), downMigration(a)}
	stamp := []Migration{{
		Step: graph.Step{Stamp: true, Up: true, To: []string{b.id}},
		Ops:  []graph.VersionOp{{Kind: graph.Insert, To: b.id}},
	}}
	return map[string]struct {
		url  string
		opts Options
		rows []string
		plan []Migration
	}{
		"sqlite_upgrade":        {sq, Options{}, nil, up},
		"sqlite_upgrade_from":   {sq, Options{}, []string{a.id}, up[1:]},
		"sqlite_downgrade":      {sq, Options{}, []string{cc.id}, down},
		"sqlite_stamp":          {sq, Options{}, nil, stamp},
		"sqlite_ensure_version": {sq, Options{CreateTable: true}, nil, nil},
		"pg_upgrade":            {pg, Options{}, nil, up},
		"pg_downgrade":          {pg, Options{}, []string{cc.id}, down},
		"pg_upgrade_tpm_schema": {pg, Options{TransactionPerMigration: true,
			Table: versions.Table{Name: "my_version", Schema: "s1", NoPK: true}}, nil, up},
		"pg_ensure_version": {pg, Options{CreateTable: true}, nil, nil},
		"mysql_upgrade":     {my, Options{}, nil, up},
		"mysql_downgrade":   {my, Options{}, []string{cc.id}, down},
		"mariadb_upgrade_tpm_schema": {"mariadb+pymysql://u:secret@localhost/db", Options{TransactionPerMigration: true,
			Table: versions.Table{Name: "my_version", Schema: "s1", NoPK: true}}, nil, up},
	}
}

func TestOfflineMatchesAlembic(t *testing.T) {
	for name, tc := range offlineCases(t) {
		t.Run(name, func(t *testing.T) {
			var out, log bytes.Buffer
			opts := tc.opts
			opts.URL = tc.url
			opts.Log = &log
			if err := Offline(context.Background(), &out, opts, tc.rows, tc.plan); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "golden", name+".sql")
			if *update {
				if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if out.String() != string(want) {
				t.Errorf("offline SQL differs from %s\n--- got\n%s\n--- want\n%s", golden, out.String(), want)
			}
			if bytes.Contains(out.Bytes(), []byte("secret")) || bytes.Contains(log.Bytes(), []byte("secret")) {
				t.Error("password in output")
			}
		})
	}
}

func TestOfflineLog(t *testing.T) {
	c := loadChain(t)
	var out, log bytes.Buffer
	err := Offline(context.Background(), &out, Options{URL: "postgresql+psycopg2://u@h/db", Log: &log}, nil,
		[]Migration{upMigration(c[0]), downMigration(c[0])})
	if err != nil {
		t.Fatal(err)
	}
	want := `INFO  [alembic.runtime.migration] Context impl PostgresqlImpl.
INFO  [alembic.runtime.migration] Generating static SQL
INFO  [alembic.runtime.migration] Will assume transactional DDL.
INFO  [alembic.runtime.migration] Running upgrade  -> 1975ea83b712, create account table
INFO  [alembic.runtime.migration] Running downgrade 1975ea83b712 -> , create account table
`
	if log.String() != want {
		t.Errorf("log:\n%s\nwant:\n%s", log.String(), want)
	}
}

func TestOfflinePurge(t *testing.T) {
	err := Offline(context.Background(), io.Discard, Options{URL: "sqlite://", Purge: true}, nil, nil)
	if err == nil || err.Error() != "Can't use --purge with --sql mode" {
		t.Errorf("Offline with Purge = %v", err)
	}
}
