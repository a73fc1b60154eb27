package sqlite

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"github.com/retort-dev/retort/dialect"
)

func TestParseSQLiteTable(t *testing.T) {
	src := `CREATE TABLE "order" (
	id INTEGER NOT NULL CONSTRAINT pk_order PRIMARY KEY AUTOINCREMENT, -- the key
	qty INTEGER CHECK (qty>0) /* inline */,
	total NUMERIC GENERATED ALWAYS AS ((qty * 2)) STORED,
	code TEXT CONSTRAINT uq_code UNIQUE,
	"Weird Name" TEXT,
	CONSTRAINT ck_total CHECK(total < 1000),
	CONSTRAINT fk_x FOREIGN KEY (qty) REFERENCES x (id)
)`
	d := parseSQLiteTable(src)
	if got := src[d.nameStart:d.nameEnd]; got != `"order"` {
		t.Errorf("name span %q", got)
	}
	var checks []string
	for _, c := range d.checks {
		checks = append(checks, c.name+":"+c.def)
	}
	if got := strings.Join(checks, " | "); got != ":CHECK (qty > 0) | ck_total:CHECK (total < 1000)" {
		t.Errorf("checks %q", got)
	}
	if d.generated["total"] != "qty * 2" {
		t.Errorf("generated %q", d.generated["total"])
	}
	if d.named["pk"] != "pk_order" || d.named["unique|code"] != "uq_code" || d.named["fk|qty"] != "fk_x" || !d.autoincrement {
		t.Errorf("names %v autoincrement %v", d.named, d.autoincrement)
	}
	if d.columnDefs["weird name"] != `"Weird Name" TEXT` || d.columnDefs["qty"] != "qty INTEGER CHECK (qty>0)" {
		t.Errorf("column defs %q", d.columnDefs)
	}
}

func TestParseSQLiteIndex(t *testing.T) {
	p := parseSQLiteIndex(`CREATE UNIQUE INDEX ix ON "T" ( lower("Name") , b DESC ) WHERE b IS NOT NULL`)
	if !p.unique || strings.Join(p.columns, ",") != "lower(name),b desc" || p.where != "b is not null" {
		t.Errorf("%+v", p)
	}
}

// TestSQLiteInspect reflects every kind of object from one database.
func TestSQLiteInspect(t *testing.T) {
	ctx := context.Background()
	db, err := sql.Open("sqlite3", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	_, err = db.Exec(`
CREATE TABLE parent (id INTEGER PRIMARY KEY, code TEXT, UNIQUE (code));
CREATE TABLE child (
	id INTEGER NOT NULL,
	parent_id INTEGER DEFAULT (1),
	note TEXT,
	PRIMARY KEY (id),
	FOREIGN KEY (parent_id) REFERENCES parent ON DELETE CASCADE
);
CREATE INDEX ix_child_note ON child (note) WHERE note IS NOT NULL;
CREATE VIEW v AS SELECT * FROM child;
CREATE TRIGGER tr AFTER INSERT ON child BEGIN SELECT 1; END;
CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY);
CREATE TABLE tmp_scratch (id INTEGER);`)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Dialect{}.Inspect(ctx, db, dialect.InspectOptions{Exclude: []string{"tmp_*"}})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, tb := range s.Tables {
		names = append(names, tb.Name)
	}
	if strings.Join(names, ",") != "child,parent" {
		t.Fatalf("tables %v", names)
	}
	child := s.Table("", "child")
	fk := child.ForeignKeys[0]
	if fk.Def != "FOREIGN KEY (parent_id) REFERENCES parent(id) ON DELETE CASCADE" {
		t.Errorf("fk %q", fk.Def)
	}
	if child.Columns[1].Default != "1" || child.PrimaryKey.Def != "PRIMARY KEY (id)" {
		t.Errorf("default %q pk %q", child.Columns[1].Default, child.PrimaryKey.Def)
	}
	if ix := child.Indexes[0]; ix.Def != "(note) WHERE note is not null" || ix.Unique {
		t.Errorf("index %+v", ix)
	}
	if u := s.Table("", "parent").Uniques; len(u) != 1 || u[0].Def != "UNIQUE (code)" {
		t.Errorf("uniques %+v", u)
	}
	var objs []string
	for _, o := range s.Unsupported {
		objs = append(objs, o.Kind+" "+o.Name)
	}
	if strings.Join(objs, ",") != "trigger tr,view v" || len(child.Triggers) != 1 {
		t.Errorf("unsupported %v, triggers %v", objs, child.Triggers)
	}
}
