package pybridge_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	_ "github.com/mattn/go-sqlite3"

	"github.com/retort-dev/retort/internal/oracle"
	"github.com/retort-dev/retort/pybridge"
)

const dataRevision = `"""fill

Revision ID: a1
"""
from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = None

items = sa.table("items", sa.column("id", sa.Integer), sa.column("name", sa.String))


def upgrade():
    op.create_table("items", sa.Column("id", sa.Integer, primary_key=True), sa.Column("name", sa.String(20)))
    op.bulk_insert(items, [{"id": i, "name": "n%d" % i} for i in range(1, 4)])
    conn = op.get_bind()
    if conn.execute(sa.text("SELECT count(*) FROM items")).scalar() == 3:
        conn.execute(items.update().where(items.c.id == 2).values(name="two"))


def downgrade():
    op.drop_table("items")
    raise_here()
`

// setup writes the revision and returns its path and a SQLite URL of a new database.
func setup(t *testing.T) (path, url, dbPath string) {
	dir := t.TempDir()
	path = filepath.Join(dir, "a1_fill.py")
	if err := os.WriteFile(path, []byte(dataRevision), 0o644); err != nil {
		t.Fatal(err)
	}
	dbPath = filepath.Join(dir, "app.db")
	return path, "sqlite:///" + dbPath, dbPath
}

func TestStepOnlineAndOffline(t *testing.T) {
	python := oracle.AlembicPython(t)
	path, url, dbPath := setup(t)
	db, err := sql.Open("sqlite3", dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)"); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	b, err := pybridge.Start(ctx, pybridge.Config{Python: python, URL: url})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if b.Versions.Alembic == "" {
		t.Errorf("no Alembic version in the greeting: %+v", b.Versions)
	}
	if err := b.Step(ctx, path, "upgrade", []string{"INSERT INTO alembic_version (version_num) VALUES ('a1')"}); err != nil {
		t.Fatal(err)
	}
	got := strings.Join(rows(t, db, "SELECT id || ':' || name FROM items ORDER BY id"), " ")
	if want := "1:n1 2:two 3:n3"; got != want {
		t.Errorf("items = %q, want %q", got, want)
	}
	if v := rows(t, db, "SELECT version_num FROM alembic_version"); !slices.Equal(v, []string{"a1"}) {
		t.Errorf("alembic_version = %v", v)
	}

	// A failing downgrade rolls back its drop_table and its row change, and names the line.
	err = b.Step(ctx, path, "downgrade", []string{"DELETE FROM alembic_version WHERE alembic_version.version_num = 'a1'"})
	var se *pybridge.StepError
	if !errors.As(err, &se) || se.Line != 24 || !strings.Contains(se.Message, "NameError") {
		t.Fatalf("downgrade error = %v, want a NameError at line 24", err)
	}
	if v := rows(t, db, "SELECT version_num FROM alembic_version"); !slices.Equal(v, []string{"a1"}) {
		t.Errorf("alembic_version after the failed downgrade = %v", v)
	}
	if n := rows(t, db, "SELECT count(*) FROM items"); !slices.Equal(n, []string{"3"}) {
		t.Errorf("items after the failed downgrade: %v rows", n)
	}

	// Offline, queries on op.get_bind() have no result, as in Alembic's --sql.
	if _, err := b.Offline(ctx, path, "upgrade", "postgresql"); err == nil || !strings.Contains(err.Error(), ":18: AttributeError") {
		t.Errorf("offline upgrade with a query: err = %v", err)
	}
	offline := filepath.Join(filepath.Dir(path), "b2_offline.py")
	src := strings.Replace(dataRevision, "    conn = op.get_bind()\n", "    return\n", 1)
	if err := os.WriteFile(offline, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	sqlText, err := b.Offline(ctx, offline, "upgrade", "postgresql")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"CREATE TABLE items (", "INSERT INTO items (id, name) VALUES (1, 'n1');"} {
		if !strings.Contains(sqlText, want) {
			t.Errorf("offline SQL has no %q:\n%s", want, sqlText)
		}
	}
}

func TestStartWithoutAlembic(t *testing.T) {
	python := oracle.AlembicPython(t)
	dir := t.TempDir()
	// -S leaves site-packages, and with them Alembic, out of sys.path.
	wrapper := filepath.Join(dir, "python")
	if err := os.WriteFile(wrapper, []byte("#!/bin/sh\nexec "+python+" -S \"$@\"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, py := range []string{wrapper, filepath.Join(dir, "missing-python")} {
		_, err := pybridge.Start(context.Background(), pybridge.Config{Python: py, URL: "sqlite:///x.db"})
		var se *pybridge.StartError
		if !errors.As(err, &se) {
			t.Errorf("%s: err = %v, want a StartError", py, err)
		}
	}
}

func TestPasswordNotInErrors(t *testing.T) {
	python := oracle.AlembicPython(t)
	path, _, _ := setup(t)
	b, err := pybridge.Start(context.Background(), pybridge.Config{Python: python, URL: "postgresql://u:sekrit@127.0.0.1:1/none"})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	err = b.Step(context.Background(), path, "upgrade", nil)
	if err == nil || strings.Contains(err.Error(), "sekrit") {
		t.Errorf("step on an unreachable server: %v", err)
	}
}

func TestContextKillsHelper(t *testing.T) {
	python := oracle.AlembicPython(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "s1_sleep.py")
	os.WriteFile(path, []byte("import time\nrevision = 's1'\ndown_revision = None\ndef upgrade():\n    time.sleep(60)\n"), 0o644)
	ctx, cancel := context.WithCancel(context.Background())
	b, err := pybridge.Start(ctx, pybridge.Config{Python: python, URL: "sqlite:///" + filepath.Join(dir, "x.db")})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- b.Step(ctx, path, "upgrade", nil) }()
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("step after cancel: %v", err)
	}
	b.Close()
}

func rows(t *testing.T, db *sql.DB, q string) []string {
	t.Helper()
	r, err := db.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var out []string
	for r.Next() {
		var s string
		if err := r.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}
